"""Account sign-up checks for the customer portal."""
