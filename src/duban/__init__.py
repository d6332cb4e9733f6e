"""duban (督办): extract the targets of Chinese government work reports and plans, link completion
reports to them, and keep an evidence-backed ledger."""

__version__ = "0.1.0"
