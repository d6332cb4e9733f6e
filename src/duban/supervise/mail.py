"""Reminders by e-mail through the configured SMTP server (standard library smtplib/email): plain UTF-8 text,
one message per reminder; STARTTLS or SMTPS and a login when configured; a timeout so that a dead server never
holds up the day's recomputation (the failure is recorded on the reminder)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from .config import Smtp


def sender(smtp: Smtp, base_url: str = ""):
    """A ``send(to, subject, body)`` for ``smtp``, or None when no server is configured."""
    if not smtp.host:
        return None

    def send(to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = smtp.sender, to, subject
        message["Date"], message["Message-ID"] = formatdate(localtime=True), make_msgid(domain="duban")
        footer = f"\n请登录督办系统查看：{base_url}/supervise\n" if base_url else "\n请登录督办系统查看。\n"
        message.set_content(body + footer + "\n（本邮件由督办系统自动发送，请勿直接回复。）\n", charset="utf-8")
        context = ssl.create_default_context()
        cls = smtplib.SMTP_SSL if smtp.ssl else smtplib.SMTP
        kwargs = {"context": context} if smtp.ssl else {}
        with cls(smtp.host, smtp.port, timeout=smtp.timeout, **kwargs) as client:
            if smtp.starttls and not smtp.ssl:
                client.starttls(context=context)
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            client.send_message(message)

    return send
