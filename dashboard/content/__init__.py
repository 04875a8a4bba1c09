"""What each page shows, computed once as plain data (texts in the reader's language, links, tables, chart
figures): the Dash page builders (``dashboard.pages``) and the static site's templates (``dashboard.site``) only
render it."""
