/**
 * The invitations API of a position (/api/positions/{id}/invitations/…): the candidates invited to record the
 * position's one-way interview in their browser. Typed from the OpenAPI schema.
 */
import type { components } from "./api.generated";
import { request } from "./api";

type Schemas = components["schemas"];
export type Invitation = Schemas["Invitation"];
export type InvitationState = Schemas["InvitationStateEnum"];
export type InvitationWithLink = Schemas["InvitationLink"];
export type CandidateLanguage = Schemas["CandidateLanguageEnum"];

export interface InvitationFields {
  candidate_name: string;
  email: string;
  language: CandidateLanguage;
  /** ISO 8601 */
  deadline: string;
  send_email: boolean;
}

const enc = encodeURIComponent;
const I = (position: string) => `/api/positions/${enc(position)}/invitations/`;

export const invitationsApi = {
  list: (position: string) => request<Invitation[]>(I(position)),
  create: (position: string, fields: InvitationFields) => request<InvitationWithLink>(I(position), { method: "POST", json: fields }),
  /** A new link (the previous one stops working), e-mailed when `email`. */
  newLink: (position: string, id: string, email: boolean) =>
    request<InvitationWithLink>(`${I(position)}${enc(id)}/link/`, { method: "POST", json: { email } }),
  revoke: (position: string, id: string) => request<Invitation>(`${I(position)}${enc(id)}/revoke/`, { method: "POST" }),
  update: (position: string, id: string, fields: Partial<InvitationFields>) =>
    request<Invitation>(`${I(position)}${enc(id)}/`, { method: "PATCH", json: fields }),
  remove: (position: string, id: string) => request<void>(`${I(position)}${enc(id)}/`, { method: "DELETE" }),
};

/** URL of the GDPR export (a download) of one invitation. */
export const invitationExportUrl = (position: string, id: string) => `${I(position)}${enc(id)}/export/`;

/** The deadline field's default: `days` from now, as the date input's value (YYYY-MM-DD, local). */
export function defaultDeadline(days = 14, now = new Date()): string {
  const d = new Date(now.getTime() + days * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A date input's day as the deadline: the end of that day, local time, in ISO 8601. */
export function deadlineOf(day: string): string | null {
  const m = day.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 0);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
