from django import template

from .. import stewardship

register = template.Library()


@register.simple_tag
def admin_dashboard() -> dict:
    """The figures for the admin's front page (templates/admin/index.html)."""
    return stewardship.dashboard()
