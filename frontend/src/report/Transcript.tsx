/**
 * The transcript with keywords and fillers highlighted. With word times (`report.words`) every
 * word seeks the video when clicked (one tab stop; ← → move between words, Enter/Space seek)
 * and the word being spoken is marked; without them, plain highlighted text.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "../i18n/i18n";
import { clock } from "./format";
import { DEFAULT_FILLERS, keywordIndices, normToken, spaceBetween, splitWords } from "./highlight";
import { usePlayer } from "./player";
import type { Word } from "./types";

export function Transcript({ text, words, keywords, fillers }: { text: string; words?: Word[] | null; keywords: string[]; fillers: string[] }) {
  const { t } = useI18n();
  const fillerSet = useMemo(() => new Set((fillers.length ? fillers : DEFAULT_FILLERS).map(normToken)), [fillers]);
  if (!text.trim() && !(words && words.length)) return <p className="muted">{t("report.noTranscript")}</p>;
  return (
    <>
      <p className="hint no-print">
        {words && words.length ? t("report.transcriptHint") + " " : ""}
        <span className="legend">
          <mark className="kw">{t("report.legendKeyword")}</mark> <mark className="filler">{t("report.legendFiller")}</mark>
        </span>
      </p>
      {words && words.length ? (
        <TimedTranscript words={words} keywords={keywords} fillerSet={fillerSet} />
      ) : (
        <PlainTranscript text={text} keywords={keywords} fillerSet={fillerSet} />
      )}
    </>
  );
}

function PlainTranscript({ text, keywords, fillerSet }: { text: string; keywords: string[]; fillerSet: Set<string> }) {
  const parts = useMemo(() => splitWords(text), [text]);
  const wordIdx = parts.map((p, i) => (p.isWord ? i : -1)).filter((i) => i >= 0);
  const kw = keywordIndices(wordIdx.map((i) => parts[i].token), keywords);
  const kwParts = new Set([...kw].map((k) => wordIdx[k]));
  return (
    <p className="transcript" data-testid="transcript">
      {parts.map((p, i) => {
        if (!p.isWord) return p.token;
        if (fillerSet.has(normToken(p.token))) return <mark key={i} className="filler">{p.token}</mark>;
        if (kwParts.has(i)) return <mark key={i} className="kw">{p.token}</mark>;
        return p.token;
      })}
    </p>
  );
}

function TimedTranscript({ words, keywords, fillerSet }: { words: Word[]; keywords: string[]; fillerSet: Set<string> }) {
  const player = usePlayer();
  const [active, setActive] = useState(0);
  const box = useRef<HTMLParagraphElement>(null);
  const kw = useMemo(() => keywordIndices(words.map((w) => w.w), keywords), [words, keywords]);
  let current = -1;
  for (let i = 0; i < words.length; i++) {
    if (words[i].start <= player.time + 1e-3) current = i;
    else break;
  }

  const focusWord = (i: number) => {
    const j = Math.max(0, Math.min(words.length - 1, i));
    setActive(j);
    box.current?.querySelector<HTMLElement>(`[data-i="${j}"]`)?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLParagraphElement>) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 10, ArrowUp: -10 };
    if (e.key in moves) focusWord(active + moves[e.key]);
    else if (e.key === "Home") focusWord(0);
    else if (e.key === "End") focusWord(words.length - 1);
    else if (e.key === "Enter" || e.key === " ") player.seek(words[active].start);
    else return;
    e.preventDefault();
  };

  return (
    <p className="transcript timed" data-testid="transcript" ref={box} onKeyDown={onKey}>
      {words.map((w, i) => {
        const filler = w.filler ?? fillerSet.has(normToken(w.w));
        const cls = ["word", filler ? "filler" : kw.has(i) ? "kw" : "", i === current ? "current" : ""].filter(Boolean).join(" ");
        return (
          <span key={i}>
            {i > 0 && spaceBetween(words[i - 1].w, w.w) ? " " : ""}
            <span
              className={cls}
              data-i={i}
              role="button"
              tabIndex={i === active ? 0 : -1}
              title={clock(w.start)}
              onClick={() => {
                setActive(i);
                player.seek(w.start);
              }}
            >
              {w.w}
            </span>
          </span>
        );
      })}
    </p>
  );
}
