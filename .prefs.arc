# Local preferences for arc sandbox (Architect reads .prefs.arc from the project root).
@sandbox
# Live reload injects a script into every page, which Remix's hydration does not expect.
livereload false
