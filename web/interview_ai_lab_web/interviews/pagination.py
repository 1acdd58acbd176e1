"""Pagination of lists: ``?page=N`` and ``?page_size=N`` (at most 100)."""

from rest_framework.pagination import PageNumberPagination


class PageNumberSizePagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}``; 20 per page unless ``?page_size=`` says otherwise."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
