/** Test helpers: render inside the i18n provider; load a deep copy of the sample report. */
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { I18nProvider, type Lang } from "../i18n/i18n";
import sample from "../fixtures/sample-report.json";
import type { Report } from "../report/types";

export function renderUi(ui: ReactElement, lang?: Lang) {
  return render(<I18nProvider lang={lang}>{ui}</I18nProvider>);
}

export function sampleReport(): Report {
  return JSON.parse(JSON.stringify(sample)) as Report;
}

/** The sample as a recruitment-mode report: no emotion, blink or smile kept; expression part not measured. */
export function recruitmentReport(): Report {
  const r = sampleReport();
  r.meta.mode = "recruitment";
  r.nonverbal!.emotions = null;
  Object.assign(r.nonverbal!, { blink_rate_per_min: null, blinks: null, blink_times: [], smile_share: null });
  r.meta.emotion_model = null;
  const nv = r.score_details!.nonverbal!;
  nv.parts = nv.parts!.map((p) => (p.name === "expression" ? { ...p, value: null, points: null, rule: "not measured: recruitment mode" } : p));
  return r;
}
