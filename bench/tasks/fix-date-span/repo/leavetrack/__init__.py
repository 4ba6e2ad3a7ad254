"""Staff leave requests."""
