"""auditor: audits Vietnamese reports on thi đua, khen thưởng (emulation and commendation)."""

__version__ = "0.1.0"
