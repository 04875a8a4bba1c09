"""The static site: the dashboard's pages, chart pages to embed, the downloads and the assets, written from a valid
package so that any static host or CDN serves them, with no Python running when they are read."""
