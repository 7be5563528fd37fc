"""Scrapy settings for Tonle's crawler. Scrapy's own names; Tonle's carry the TONLE_ prefix.

The values that users choose (contact, politeness) come from tonle_config and are applied in
crawler.run; what stands here are the defaults of a polite, safe crawler.
"""

BOT_NAME = "tonle"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 20
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
# A news page is a few hundred kB at most; the cap also bounds decompressed size (gzip bombs).
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SsrfGuardMiddleware": 50,
    "crawler.middlewares.RetryBackoffMiddleware": 560,  # after RetryMiddleware (550) on the way in
}
ITEM_PIPELINES = {
    "crawler.pipelines.ValidatePipeline": 100,
    "crawler.pipelines.DedupPipeline": 200,
    "crawler.pipelines.StorePipeline": 900,
}

# Tonle's own settings (set by crawler.run from the job).
TONLE_HOME = "tonle-data"
TONLE_ALLOW_PRIVATE = False
TONLE_PRIVATE_ALLOWLIST: list[str] = []
TONLE_STORE_BATCH = 20
TONLE_RETRY_BACKOFF = 1.0  # seconds before the first retry, doubled each time
TONLE_RETRY_BACKOFF_MAX = 30.0
TONLE_MAX_LISTING_PAGES = 200
TONLE_DISCOVERY_DEPTH = 2
TONLE_MAX_ARTICLES = 0  # per source; 0 = no limit (`tonle sources check` fetches a few)
