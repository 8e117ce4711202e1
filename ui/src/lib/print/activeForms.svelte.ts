// The consent forms in use, for a "print this form" picker. The backend
// prints the latest version of the chosen form.

import { api, type ApiFailure, type FormSummary, toFailure } from "../api";

export class ActiveForms {
  forms = $state<FormSummary[]>([]);
  error = $state<ApiFailure | null>(null);
  /** The chosen form's id; the first form in use until the user picks. */
  choice = $state<number | null>(null);

  async load(): Promise<void> {
    try {
      this.forms = (await api.forms()).filter((f) => f.active);
      this.choice = this.forms[0]?.id ?? null;
      this.error = null;
    } catch (e) {
      this.error = toFailure(e);
    }
  }
}
