"""The lists `import --from` reads, one module per reader (arr.py: Radarr, Sonarr, Lidarr)."""
