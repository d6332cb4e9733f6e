"""Supervising the year (issue 14; docs/supervision.md): the schedule arithmetic (calendar), reading a 分解方案
(breakdown), units (units), linking tasks to a plan's targets (linking), judging a report against its period
(evidence), the lights (lights), notices as DOCX (notice_docx), e-mail (mail), attachments (attachments) and the
year-end table (yearend). Pure logic on records and dates; the ledger's side is store/supervision*.py."""
