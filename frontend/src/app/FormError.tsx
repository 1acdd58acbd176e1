/** A form's or panel's error, read out at once by screen readers (role="alert"); nothing when there is none. */
export function FormError({ error }: { error: string | null | undefined }) {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** What a save said: a success read out politely (role="status"), a failure at once (role="alert"). */
export interface FormMessageState {
  ok: boolean;
  text: string;
}

/** A form's outcome after a save (see {@link FormMessageState}); nothing when there is none. */
export function FormMessage({ message }: { message: FormMessageState | null }) {
  return message ? (
    <p className={message.ok ? "form-ok" : "form-error"} role={message.ok ? "status" : "alert"}>
      {message.text}
    </p>
  ) : null;
}
