from rugwijs.core.structured_data import absolute, breadcrumb_list, person


def article_json_ld(request, page, image_url: str = "") -> dict:
    """MedicalWebPage with the article as its main entity, its author, reviewer and breadcrumbs."""
    url = page.get_full_url(request)
    article = {
        "@type": "Article",
        "headline": page.title,
        "description": page.meta_description or page.intro,
        "inLanguage": "nl",
        "wordCount": len(page.plain_text.split()),
        "mainEntityOfPage": url,
    }
    if page.first_published_at:
        article["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        article["dateModified"] = page.last_published_at.isoformat()
    if page.author:
        article["author"] = person(request, page.author)
    if image_url:
        article["image"] = absolute(request, image_url)
    data = {
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": url,
        "inLanguage": "nl",
        "description": page.meta_description or page.intro,
        "breadcrumb": breadcrumb_list(request, [*page.breadcrumbs, page]),
        "mainEntity": article,
    }
    if page.reviewer:
        data["reviewedBy"] = person(request, page.reviewer)
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    return data
