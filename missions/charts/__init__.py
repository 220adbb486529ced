"""Charts drawn on the server as SVG from a `missions.statistics.Figure`."""
