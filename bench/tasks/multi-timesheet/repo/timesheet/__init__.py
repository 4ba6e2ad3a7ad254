"""Weekly timesheets for contractors."""
