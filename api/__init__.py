"""HTTP face of the assistant: FastAPI app, routes per resource, and the web page."""
