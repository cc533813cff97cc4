/**
 * Identity for the walking skeleton: every request acts as one fixed local user.
 * The Cognito issue replaces this function's body; nothing else may depend on the shortcut.
 */
export interface User {
  id: string;
  email: string;
}

const LOCAL_USER: User = { id: "local-user", email: "local@example.com" };

export async function requireUser(_request: Request): Promise<User> {
  return LOCAL_USER;
}
