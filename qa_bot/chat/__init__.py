"""The Gradio web chat: ``build_app`` (app.py), plain handlers, escaped HTML, feedback."""
