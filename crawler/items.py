"""What the spider yields."""

import scrapy


class ArticleItem(scrapy.Item):
    url = scrapy.Field()  # canonical
    fetched_url = scrapy.Field()
    fetched_at = scrapy.Field()
    status = scrapy.Field()
    content_type = scrapy.Field()
    encoding = scrapy.Field()
    html_gz = scrapy.Field()
    outlet = scrapy.Field()
    outlet_title = scrapy.Field()
    country = scrapy.Field()
    title = scrapy.Field()
    published = scrapy.Field()  # timezone-aware datetime or None
    published_tz = scrapy.Field()
    author = scrapy.Field()
    language = scrapy.Field()
    body = scrapy.Field()
    words = scrapy.Field()
    minhash = scrapy.Field()
    duplicate_of_url = scrapy.Field()
    extractor_version = scrapy.Field()
    outlet_timezone = scrapy.Field()
