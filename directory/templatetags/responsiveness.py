"""How promptly a business answers, in words, for cards and profiles."""

from django import template

from directory.connect.responsiveness import ReplyLine, reply_line

register = template.Library()


@register.simple_tag
def reply_time(business) -> ReplyLine | None:
    """`{% reply_time business as reply %}`: None until enough messages are measured."""
    return reply_line(business)
