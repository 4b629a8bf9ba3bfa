from briefgen.cli import app

app()
