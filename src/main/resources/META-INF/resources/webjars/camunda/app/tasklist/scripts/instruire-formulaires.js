/*
 * Instruire — Tasklist 7.24 and forms with a dynamic list (a committee's decisions, a national proposal, the CTIS's
 * opinions). Tasklist keeps « Terminer » disabled while form-js reports errors, and counts them as the keys of
 * form-js's error map: with a dynamic list, that map holds its fields' ids with no error at all (empty lists), so the
 * form stays « invalid » for good and such a task cannot be completed. This script makes Tasklist's form controller
 * count only the errors form-js shows. On « Terminer », form-js validates the whole form again and Tasklist sends
 * nothing while an error remains; the server checks every submission anyway.
 */
const SHOWN_ERRORS = '.fjs-form-field-error, .fjs-has-errors';

function withDynamicList() {
  return document.querySelector('.fjs-container .fjs-form-field-dynamiclist') !== null;
}

function errorsShown() {
  return document.querySelector('.fjs-container').querySelector(SHOWN_ERRORS) !== null;
}

/** Tasklist's form controller, whose notifyFormValidated(invalid) the Camunda Forms directive calls on each change. */
function patchController() {
  const element = document.querySelector('[cam-tasklist-form]');
  if (!element || !window.angular) {
    return null;
  }
  const controller = window.angular.element(element).controller('camTasklistForm');
  if (controller && !controller.instruireRecount) {
    const notify = controller.notifyFormValidated;
    controller.notifyFormValidated = function (invalid) {
      return notify.call(this, invalid && !(withDynamicList() && !errorsShown()));
    };
    controller.instruireRecount = true;
  }
  return controller;
}

function recount() {
  const controller = patchController();
  if (controller && withDynamicList() && !errorsShown()) {
    // the state form-js reported before the patch (the form's first render)
    controller.notifyFormValidated(false);
  }
}

let pending = null;
function later() {
  if (pending === null) {
    pending = setTimeout(() => {
      pending = null;
      recount();
    }, 50);
  }
}

new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });

export default [];
