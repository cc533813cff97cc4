@app
task-tracker

@aws
runtime nodejs22.x
architecture arm64
region us-east-1
timeout 30
memory 1024

@http
# One Lambda renders every page (Remix); `/*` covers `/` too.
/*
  method any
  src src/http/any-catchall

@static
# Vite's client build; Remix already hashes file names, so Architect must not.
folder build/client
fingerprint external

@tables
tasks
  owner *String
  id **String

sessions
  id *String
  expiresAt TTL

@tables-indexes
# "My tasks with status S, newest first": ownerStatus = "<owner>#<status>".
tasks
  ownerStatus *String
  id **String
  name byStatus

@plugins
# Sets table names, the local DynamoDB endpoint and local secrets for arc sandbox.
sandbox-env
  src src/plugins/sandbox-env.js
