import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import {
  annexNote,
  copyToLine,
  isDraft,
  numberLine,
  recipientLine,
  redHeaderPoints,
  signOffDate,
  signOffGap,
  signOffIndents,
  textParagraphs,
} from '../../domain/documents/lines';
import type { DocumentContent, DocumentLayout } from '../../domain/documents/types';

/**
 * A procuratorial document as an A4 sheet, laid out like the DOCX export (GB/T 9704-2012): the
 * same lines from the same content, in the fonts Chinese offices have, falling back to what
 * the browser has. The text inside the sheet is the document's own; only the marks around it
 * (draft, internal, pagination note) are UI text.
 */

const FANGSONG = '"FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif';
const XIAOBIAOSONG = '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "SimSun", "Noto Serif CJK SC", serif';
const HEITI = '"SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", sans-serif';
const RED = '#ff0000';
const LINE = '28.95pt';

const styles = {
  desk: { background: '#e6e6e6', padding: 24, overflowX: 'auto' },
  note: { color: '#595959', fontSize: 12, textAlign: 'center', margin: '0 0 12px' },
  sheet: {
    position: 'relative',
    boxSizing: 'border-box',
    width: '210mm',
    minHeight: '297mm',
    margin: '0 auto 24px',
    padding: '37mm 26mm 35mm 28mm',
    background: '#fff',
    boxShadow: '0 1px 6px rgba(0, 0, 0, 0.25)',
    color: '#000',
    fontFamily: FANGSONG,
    fontSize: '16pt',
    lineHeight: LINE,
    overflow: 'hidden',
  },
  line: { margin: 0, minHeight: LINE },
  centred: { margin: 0, textAlign: 'center' },
  title: { margin: 0, textAlign: 'center', fontFamily: XIAOBIAOSONG, fontSize: '22pt', lineHeight: LINE, fontWeight: 'normal' },
  body: { margin: 0, textIndent: '2em', textAlign: 'justify' },
  heading: { margin: 0, textIndent: '2em', fontFamily: HEITI },
  right: { margin: 0, textAlign: 'right' },
  watermark: {
    position: 'absolute',
    top: '40%',
    left: 0,
    right: 0,
    textAlign: 'center',
    transform: 'rotate(-45deg)',
    fontFamily: HEITI,
    fontSize: '120pt',
    lineHeight: 1,
    color: 'rgba(0, 0, 0, 0.08)',
    pointerEvents: 'none',
    userSelect: 'none',
  },
  internal: { margin: '0 auto 12px', width: '210mm', color: '#8c8c8c', fontSize: 12 },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: '14pt', lineHeight: 1.5 },
  cell: { border: '1px solid #000', padding: '2px 4px', verticalAlign: 'middle' },
  imprint: { marginTop: LINE, borderTop: '1.3px solid #000', borderBottom: '1.3px solid #000', padding: '4px 1em' },
  copyTo: { margin: 0, fontSize: '14pt', lineHeight: 1.6, paddingLeft: '3em', textIndent: '-3em' },
} satisfies Record<string, CSSProperties>;

function Lines({ text, style }: { text: string; style: CSSProperties }) {
  return (
    <>
      {textParagraphs(text).map((line, i) => (
        <p key={i} style={style}>
          {line}
        </p>
      ))}
    </>
  );
}

const EmptyLines = ({ count }: { count: number }) => (
  <>
    {Array.from({ length: count }, (_, i) => (
      <p key={i} style={styles.line} aria-hidden />
    ))}
  </>
);

function Head({ content, layout }: { content: DocumentContent; layout: DocumentLayout }) {
  const number = numberLine(content);
  if (layout.redHeader && !content.internal) {
    const header = layout.headerText?.trim() || content.issuer;
    return (
      <header>
        <p data-part="red-header" style={{ ...styles.centred, color: RED, fontFamily: XIAOBIAOSONG, fontSize: `${redHeaderPoints(header)}pt`, lineHeight: 1.2 }}>
          {header}
        </p>
        <EmptyLines count={1} />
        <p data-part="number" style={{ ...styles.centred, borderBottom: `1.5pt solid ${RED}`, paddingBottom: '4mm' }}>
          {number}
        </p>
        <EmptyLines count={1} />
        <Lines text={content.title} style={styles.title} />
      </header>
    );
  }
  return (
    <header>
      <Lines text={content.title} style={styles.title} />
      {number && (
        <p data-part="number" style={styles.centred}>
          {number}
        </p>
      )}
    </header>
  );
}

function SignOff({ content }: { content: DocumentContent }) {
  const date = signOffDate(content);
  const indents = signOffIndents(content.signOff.issuer, date, !content.internal);
  return (
    <div data-part="sign-off">
      <EmptyLines count={signOffGap(content)} />
      <p style={{ ...styles.right, paddingRight: `${indents.issuer}em` }}>{content.signOff.issuer}</p>
      <p style={{ ...styles.right, paddingRight: `${indents.date}em`, whiteSpace: 'pre' }}>{date}</p>
    </div>
  );
}

function Imprint({ content }: { content: DocumentContent }) {
  const line = copyToLine(content);
  if (!line) return null;
  return (
    <footer data-part="copy-to" style={styles.imprint}>
      <p style={styles.copyTo}>{line}</p>
    </footer>
  );
}

function Watermark({ label }: { label: string }) {
  return (
    <div style={styles.watermark} aria-hidden>
      {label}
    </div>
  );
}

export function DocumentPreview({ content, layout }: { content: DocumentContent; layout: DocumentLayout }) {
  const { t } = useTranslation('documents');
  const draft = isDraft(content);
  const recipient = recipientLine(content);
  const note = annexNote(content);
  const annex = content.annex;
  return (
    <section aria-label={t('preview.label')} style={styles.desk}>
      <p style={styles.note}>{t('preview.paginationNote')}</p>
      {content.internal && <p style={styles.internal}>{t('preview.internal')}</p>}
      <article style={styles.sheet} lang="zh-CN">
        {draft && <Watermark label={t('preview.draft')} />}
        <Head content={content} layout={layout} />
        <EmptyLines count={1} />
        {recipient && (
          <p data-part="recipient" style={styles.line}>
            {recipient}
          </p>
        )}
        {content.paragraphs.map((paragraph, i) => (
          <div key={i} data-part="paragraph">
            {paragraph.heading?.trim() && <p style={styles.heading}>{paragraph.heading.trim()}</p>}
            <Lines text={paragraph.text} style={styles.body} />
          </div>
        ))}
        {note && (
          <>
            <EmptyLines count={1} />
            <p style={styles.body}>{note}</p>
          </>
        )}
        <SignOff content={content} />
        {!annex && <Imprint content={content} />}
      </article>
      {annex && (
        <article style={styles.sheet} lang="zh-CN" aria-label={t('preview.annexPage')}>
          {draft && <Watermark label={t('preview.draft')} />}
          <p style={{ ...styles.line, fontFamily: HEITI }}>附件</p>
          <EmptyLines count={1} />
          <Lines text={annex.title} style={styles.title} />
          <EmptyLines count={1} />
          <table style={styles.table}>
            <thead>
              <tr>
                {annex.columns.map((column, c) => (
                  <th key={c} style={{ ...styles.cell, fontFamily: HEITI, fontWeight: 'normal' }}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {annex.rows.map((row, r) => (
                <tr key={r}>
                  {annex.columns.map((_, c) => (
                    <td key={c} style={styles.cell}>
                      {row[c] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <Imprint content={content} />
        </article>
      )}
    </section>
  );
}
