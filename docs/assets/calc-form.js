// The form DOM of one calculator (design §4): raw field values in and out, modes, field errors, message lines.
// No arithmetic and no wording of results: Python owns both.

/**
 * The calculator's fields by name, each element read by `checked` (a checkbox) or `value` (any other field).
 * @param {ParentNode} root
 * @param {(el: HTMLInputElement) => boolean} checked
 * @param {(el: any) => string} value
 * @returns {Record<string, string>}
 */
function collect(root, checked, value) {
  const fields = {};
  // Inputs, selects and textareas alike (the checkbox branch only ever sees inputs).
  for (const el of /** @type {NodeListOf<HTMLInputElement>} */ (root.querySelectorAll("form [name]"))) {
    if (el.type === "button") continue;
    if (el.type === "checkbox") {
      // A group of checkboxes sharing a name is one field: the checked values, comma-separated.
      const list = fields[el.name] ? fields[el.name].split(",") : [];
      if (checked(el)) list.push(el.value);
      fields[el.name] = list.join(",");
    } else {
      fields[el.name] = value(el);
    }
  }
  return fields;
}

/** Every raw field of the calculator, as the page sends it to Python. */
export function fieldsOf(root) {
  return collect(root, (el) => el.checked, (el) => el.value);
}

/** Every field's value as the page was built (the worked example), in the shape of fieldsOf. */
export function defaultsOf(root) {
  return collect(root, (el) => el.defaultChecked, (el) => (el.tagName === "SELECT"
    ? ([...el.options].find((o) => o.defaultSelected) || el.options[0])?.value ?? ""
    : el.defaultValue));
}

/** Put a raw value into the field(s) of this name. */
export function setField(root, name, value) {
  for (const el of root.querySelectorAll(`form [name="${CSS.escape(name)}"]`)) {
    if (el.type === "button") continue;
    if (el.type === "checkbox") el.checked = value.split(",").includes(el.value);
    else if (el.tagName !== "SELECT" || [...el.options].some((o) => o.value === value)) el.value = value;
  }
}

/** The saved fields shared by several tools (data-shared). */
export function sharedNames(root) {
  return new Set([...root.querySelectorAll("form [data-shared][name]")].map((el) => el.name));
}

/** The shared fields' current values. */
export function sharedValues(root) {
  const names = sharedNames(root);
  return Object.fromEntries(Object.entries(fieldsOf(root)).filter(([k]) => names.has(k)));
}

/** This tool's own fields' current values (its draft). */
export function draftValues(root) {
  const names = sharedNames(root);
  return Object.fromEntries(Object.entries(fieldsOf(root)).filter(([k]) => !names.has(k)));
}

/** Put the fields (all, or those named) back to the values the page was built with. */
export function resetFields(root, names = null) {
  for (const el of root.querySelectorAll("form [name]")) {
    if (names && !names.has(el.name)) continue;
    if (el.type === "checkbox") el.checked = el.defaultChecked;
    else if (el.tagName === "SELECT") for (const o of el.options) o.selected = o.defaultSelected;
    else if (el.type !== "button") el.value = el.defaultValue;
  }
}

/** Show only the fields of the chosen mode (data-switch names the field that chooses it). */
export function showModes(root) {
  const mode = root.querySelector(`form [name="${root.dataset.switch}"]`);
  for (const box of root.querySelectorAll("[data-modes]")) {
    box.hidden = mode ? !box.dataset.modes.split(" ").includes(mode.value) : false;
  }
}

/** Show field errors next to their fields; every other error slot is emptied. */
export function showErrors(root, errors) {
  for (const slot of root.querySelectorAll("[data-error-for]")) {
    const msg = errors[slot.dataset.errorFor] || "";
    slot.textContent = msg;
    const input = root.querySelector(`form [name="${slot.dataset.errorFor}"]`);
    if (input) input.setAttribute("aria-invalid", msg ? "true" : "false");
  }
}

/** The status line under the form (engine state, call messages, compute failures). */
export function status(root, text) {
  const line = root.querySelector("[data-status-text]");
  if (line) line.textContent = text;
}

/**
 * Say something in the saved-data message line (or the status line where the tool has none), optionally with
 * buttons: `[{label, action}]` become `<button data-action=…>` handled by the action table.
 */
export function say(root, text, buttons = []) {
  const line = root.querySelector("[data-store-msg]") || root.querySelector("[data-status-text]");
  if (!line) return;
  // Saying the same again keeps the same buttons: a button being clicked must not be swapped under the pointer.
  const key = JSON.stringify([text, buttons]);
  if (line.dataset.said === key && line.textContent.startsWith(text)) return;
  line.dataset.said = key;
  const parts = buttons.map(({ label, action }) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "md-button calc-inline";
    b.dataset.action = action;
    b.textContent = label;
    return b;
  });
  line.replaceChildren(text, ...parts.flatMap((b) => [" ", b]));
}

/** Offer the export with a "没有保存" message (storage full or disabled). */
export function sayUnsaved(root, what = "你刚填的内容") {
  say(root, `${what}没有保存：这台设备的浏览器不让本站保存（存储空间已满、被禁用或处于无痕模式）。` +
    "内容还在页面上，关掉页面就会丢失；请先导出一份。", [{ label: "导出 JSON", action: "export-json" }]);
}

/** Trigger a download of `text` (nothing leaves the device: a blob URL). */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
