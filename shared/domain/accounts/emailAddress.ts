/**
 * An e-mail address in the one form partnerdesk compares and keys addresses in: trimmed, Unicode
 * NFC, lower case. Console sign-up (the local stand-in of the console users' pool) stores a new
 * user's address in this form, and an invitation sent without an account binds only a console user
 * whose verified address has the same form as the invited one.
 *
 * @example
 * normalizedEmail(' Ivan@Example.COM ') // 'ivan@example.com'
 */
export function normalizedEmail(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}
