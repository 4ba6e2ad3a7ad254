"""Note taking app: text clean-up."""
