import { inject } from "vitest";

// Code under test reads its configuration from process.env, as it does in Lambda.
Object.assign(process.env, inject("localEnv"));
