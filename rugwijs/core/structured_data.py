"""schema.org data for search engines, built as plain dicts and written out as JSON-LD."""


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def person(request, page) -> dict:
    data = {"@type": "Person", "name": page.title, "url": page.get_full_url(request)}
    roles = page.role_names() if hasattr(page, "role_names") else []
    if roles:
        data["jobTitle"] = ", ".join(roles)
    return data


def breadcrumb_list(request, pages) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": page.title, "item": page.get_full_url(request)}
            for position, page in enumerate(pages, start=1)
        ],
    }
