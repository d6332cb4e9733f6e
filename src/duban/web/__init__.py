"""The web app: server-rendered Chinese pages, their JSON twins under /api, exports (see docs/web.md)."""
