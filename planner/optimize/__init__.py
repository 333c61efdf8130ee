"""The optimizer: the PuLP model of model.md, solved in a worker process, read back as a Plan."""
