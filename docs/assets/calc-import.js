// 导入文件: never replaces saved data by surprise. The page decodes the bytes (UTF-8 with or without BOM, else
// GB18030, which covers GBK from Chinese Excel), refuses binary and oversized files at once, asks Python what the
// file is (import_file), shows its preview, asks to confirm, saves, and offers 撤销 with the previous values.
import { call, ReaderError } from "./calc-client.js";
import { CALL } from "./calc-protocol.js";
import { hasSaved, readStore, replaceShared } from "./calc-store.js";
import { fieldsOf, say, setField } from "./calc-form.js";
import { applyReply, readerText } from "./calc-actions.js";
import { noteSaved } from "./calc-keep.js";

export const MAX_BYTES = 2 * 1024 * 1024;
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function notText(name) {
  return new ReaderError(`无法导入：“${name}”不是文本文件（可能是图片、压缩包或 Excel 的 .xlsx）。` +
    "请选本站导出的 JSON 或 CSV 文件；Excel 表格请先“另存为 CSV”。保存的数据没有改动。");
}

/**
 * The text of a file's bytes: UTF-16 with its BOM, UTF-8 (BOM or not), else GB18030; binary is refused.
 * @param {Uint8Array} bytes
 * @param {string} name the file name, for the message
 */
export function decodeText(bytes, name) {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff
    ? "utf-16be" : null;
  if (!utf16 && bytes.includes(0)) throw notText(name);
  let text = null;
  for (const encoding of utf16 ? [utf16] : ["utf-8", "gb18030"]) {
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes); // drops a BOM of this encoding
      break;
    } catch { /* try the next encoding */ }
  }
  if (text === null || CONTROL.test(text)) throw notText(name);
  return text.replace(/^\ufeff/, "");
}

async function readText(file) {
  if (file.size > MAX_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    throw new ReaderError(`无法导入：“${file.name}”有 ${mb} MB，超过了 2 MB 的上限。本站导出的备份通常只有几 KB，` +
      "请确认选的是本站导出的 JSON 或 CSV 文件。保存的数据没有改动。");
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    console.warn("file read", err);
    throw new ReaderError(`无法读取“${file.name}”：请重新选择这个文件。保存的数据没有改动。`);
  }
  return decodeText(bytes, file.name);
}

/** Import one chosen file into this calculator's saved data (after the reader confirms). */
async function importOne(ctx, file) {
  const text = await readText(file);
  const out = await call(CALL.IMPORT_FILE, { ...readStore().fields, ...fieldsOf(ctx.root), _calc: ctx.id,
    _arg: "", text, filename: file.name });
  if (Object.keys(out.errors).length) {
    applyReply(ctx, { ...out, fields: {}, file: null });
    if (!out.errors[""]) say(ctx.root, "无法导入这个文件，保存的数据没有改动。");
    return;
  }
  if (!Object.keys(out.fields).length) throw new ReaderError("无法导入：文件里没有可以导入的内容。保存的数据没有改动。");
  const preview = out.message || `将用“${file.name}”里的内容替换这里保存的数据。`;
  if (!window.confirm(`${preview}\n\n确定导入吗？导入后可以点“撤销”恢复原来的数据。`)) {
    say(ctx.root, "没有导入，保存的数据没有改动。");
    return;
  }
  const before = readStore().fields;
  ctx.undo = { had: hasSaved(), fields: before };
  const saved = replaceShared({ ...before, ...out.fields });
  for (const [name, value] of Object.entries(out.fields)) setField(ctx.root, name, String(value));
  for (const name of Object.keys(out.fields)) delete ctx.sticky[name];
  if (saved) {
    say(ctx.root, `已导入“${file.name}”并保存。`, [{ label: "撤销", action: "undo" }]);
    noteSaved(ctx.root);
  }
  else ctx.reportSave(false);
  ctx.compute();
}

/** Listen to the import control ([data-action="import"], a file input) of one calculator. */
export function bindImport(ctx) {
  const input = ctx.root.querySelector('[data-action="import"]');
  input?.addEventListener("change", async () => {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    try {
      await importOne(ctx, file);
    } catch (err) {
      say(ctx.root, readerText(err));
    }
  });
}
