"""Tonle's crawler: a Scrapy project that discovers and extracts articles from news outlets."""
