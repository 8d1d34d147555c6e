/** The contact form's limits, shared by its page (field lengths) and lib/editorial/contact.ts. */
export const CONTACT_LIMITS = {
  perAddressPerHour: 5,
  sitePerHour: 200,
  nameLength: 100,
  emailLength: 320,
  bodyLength: 5000,
} as const;
