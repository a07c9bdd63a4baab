"""Builders for article pages in tests, with real sections and optional related picks."""

from rugwijs.articles.models import ArticlePage, RelatedArticle


def section(number: int, text: str = "Bewegen helpt bij rugpijn en stress.", link_to=None, image=None) -> tuple:
    link = f' Lees <a linktype="page" id="{link_to.pk}">meer</a>.' if link_to else ""
    figure = [("figure", {"image": image, "alt_text": f"Illustratie {number}", "caption": ""})] if image else []
    return (
        "section",
        {
            "heading": f"Sectie {number}",
            "anchor": f"sectie-{number}",
            "content": [
                ("paragraph", f"<p>{text} Alinea {number}.{link}</p>"),
                ("callout", {"variant": "tip", "title": "Tip", "text": "<p>Rustig opbouwen.</p>"}),
                *figure,
            ],
        },
    )


def make_article(
    topic, slug, *, title=None, sections=3, related=(), tags=(), live=True, text=None, image=None, **fields
):
    page = ArticlePage(
        title=title or slug.replace("-", " ").capitalize(),
        slug=slug,
        intro=fields.pop("intro", "Een korte inleiding."),
        summary=fields.pop("summary", "Een samenvatting."),
        body=[
            section(number, text or "Bewegen helpt.", link_to=topic, image=image) for number in range(1, sections + 1)
        ],
        **fields,
    )
    page.tags.add(*tags)
    for order, article in enumerate(related):
        page.related_links.add(RelatedArticle(article=article, sort_order=order))
    topic.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish()
    return ArticlePage.objects.get(pk=page.pk)
