"""The figures on the admin's front page (stewardship.figures)."""

from django import template

from directory.stewardship import figures

register = template.Library()


@register.simple_tag
def admin_dashboard() -> dict:
    """The figures for the admin's front page (templates/admin/index.html)."""
    return figures.dashboard()
