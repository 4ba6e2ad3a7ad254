"""Holiday-home bookings calendar."""
