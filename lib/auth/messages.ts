// Sign-in wording shared by the server and the login form (no server imports here).
export const INVALID_LOGIN = "Email or password is incorrect.";
