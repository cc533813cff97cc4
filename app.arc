@app
task-tracker

@aws
runtime nodejs22.x
architecture arm64
region us-east-1
# Below API Gateway's 30 s, so our own timeout (logged, alarmed) is what users see.
timeout 20
memory 1769

@http
# One Lambda renders every page (Remix); `/*` covers `/` too.
/*
  method any
  src src/http/any-catchall

# Live updates (src/live/, docs/decisions/2026-12-07-live-updates-over-architect-ws.md): an API
# Gateway WebSocket API; sandbox serves it on the app's own port. Its sockets carry only
# "list L changed" notices. The handlers (src/ws/*) are bundled by npm run build.
@ws

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

# Per-user settings (time zone), keyed by the Cognito `sub`; sessions cache a copy.
accounts
  id *String

# The JSON API's Idempotency-Key records: "<sha256 of sub + key>" -> the task the first request made.
idempotency
  id *String
  expiresAt TTL

# Rate-limit counters of sign-up, sign-in, resend and reset: one item per (hashed scope, fixed
# window); `count` grows by atomic ADD and the item expires with its window (src/limits/).
limits
  id *String
  windowStart **Number
  expiresAt TTL

# Undo of deletes and bulk changes: per undo, a "#" item (owner, kind, used?) and one per task.
undo
  id *String
  taskId **String
  expiresAt TTL

# Uploads waiting for "Confirm" (TTL'd) and the files each user imported (src/tasks/import-repository.ts).
imports
  owner *String
  id **String
  expiresAt TTL

# Lists and who may use them (src/lists/list-repository.ts): "L#<list>" / "#" is the list with its
# members map, the single authority for access; "U#<user>" / "L#<list>" is the user's directory.
lists
  pk *String
  sk **String
  expiresAt TTL

# Live updates: open sockets, the lists each follows and spent socket tickets (src/live/live-repository.ts).
live
  pk *String
  sk **String
  expiresAt TTL

@tables-indexes
# The list views (src/tasks/task-repository.ts explains each): ownerStatus = "<owner>#<status>",
# dueSort = "<due date or 9999-12-31>#<id>", prioritySort = "<rank>#<dueSort>".
tasks
  ownerStatus *String
  id **String
  name byStatus

tasks
  owner *String
  dueSort **String
  name byDue

tasks
  ownerStatus *String
  dueSort **String
  name byStatusDue

tasks
  owner *String
  prioritySort **String
  name byPriority

tasks
  ownerStatus *String
  prioritySort **String
  name byStatusPriority

# "Assigned to me" across every list in one Query (sparse: only assigned tasks have assigneeId);
# assigneeSort = "<0 open|1 done>#<dueSort>", open tasks first. Readers check each task's list against the
# caller's current lists (src/tasks/task-repository.ts, queryAssignedPage).
tasks
  assigneeId *String
  assigneeSort **String
  name byAssignee

# Today, Upcoming and "not done" by due date in one Query per list: the open tasks ("0#…") of the
# list, soonest first. Reuses assigneeSort, which every write keeps (src/tasks/task-repository.ts).
tasks
  owner *String
  assigneeSort **String
  name byOpenFirst

# "All tasks" across the lists a user created, in one Query: indexUser is the list's creator,
# written on every task of lists created since this index (sparse: older lists and the Inbox
# are not in it). Readers keep only their current lists' tasks (src/tasks/task-repository.ts).
tasks
  indexUser *String
  id **String
  name byIndexUser

# Today, Upcoming and "not done" by due date across the lists a user created, in one Query: the
# same partition, their open tasks ("0#…" of assigneeSort) soonest first.
tasks
  indexUser *String
  assigneeSort **String
  name byIndexUserOpen

# "Every session of this user", to push a settings change into each one's cached copy.
sessions
  sub *String
  name bySub
  projection keys

@plugins
# Sets table names, the local DynamoDB endpoint and local secrets for arc sandbox.
sandbox-env
  src src/plugins/sandbox-env.js
# Starts and stops the local Cognito emulator (cognito-local on 127.0.0.1) with arc sandbox.
cognito-local
  src src/plugins/cognito-local.js
# With SANDBOX_WARM_HANDLER=on (npm start), sandbox's Lambda processes hand requests to one warm
# copy of the handler instead of importing the bundle for each request.
warm-handler
  src src/plugins/warm-handler.js
# arc deploy: stops unless the build is present and fresh and APP_SECRET is set for the stage.
deploy-preflight
  src src/plugins/deploy-preflight.js
# arc deploy: CloudFront, private S3, Cognito, least-privilege IAM and table settings in the stack.
deploy-template
  src src/plugins/deploy-template.js
