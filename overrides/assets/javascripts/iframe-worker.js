// A stand-in for Web Workers on pages opened from disk (file://), where
// browsers refuse to start a worker. Material's offline build expects such a
// shim (it would otherwise name one on a third-party CDN); this is our own.
//
// The "worker" runs in a hidden same-document iframe: it gets the globals a
// worker script uses (importScripts, postMessage, message events), and
// messages are copied with structuredClone in both directions, as real
// workers do. Scripts load in order; messages wait until they have loaded.
// Over http(s) this file does nothing.
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.Worker === "undefined") return;

  function FileWorker(url) {
    var events = document.createElement("span");
    var queue = [];
    var pending = 1; // the iframe itself
    var frame = document.createElement("iframe");
    var self = this;
    var scope = null;

    this.onmessage = null;
    this.addEventListener = events.addEventListener.bind(events);
    this.removeEventListener = events.removeEventListener.bind(events);
    this.terminate = function () { frame.remove(); };

    function deliver(data) {
      var event = new MessageEvent("message", { data: structuredClone(data) });
      if (typeof self.onmessage === "function") self.onmessage(event);
      events.dispatchEvent(event);
    }

    function flush() {
      while (pending === 0 && queue.length) {
        var data = queue.shift();
        scope.dispatchEvent(new scope.MessageEvent("message", { data: scope.structuredClone(data) }));
      }
    }

    function load(src) {
      pending++;
      return new Promise(function (resolve, reject) {
        var script = scope.document.createElement("script");
        script.src = new URL(src, url).href;
        script.onload = function () { pending--; resolve(); flush(); };
        script.onerror = function () { pending--; reject(new Error("cannot load " + src)); flush(); };
        scope.document.head.appendChild(script);
      });
    }

    this.postMessage = function (data) {
      queue.push(data);
      if (scope) flush();
    };

    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.srcdoc = "<!doctype html><title>worker</title>";
    frame.addEventListener("load", function () {
      scope = frame.contentWindow;
      // What a worker script expects of its global scope.
      scope.__workerLocation = new URL(url, location.href).href;
      scope.importScripts = function () {
        return Array.prototype.reduce.call(arguments, function (done, src) {
          return done.then(function () { return load(src); });
        }, Promise.resolve());
      };
      scope.postMessage = deliver;
      pending--;
      load(url);
    });
    document.body.appendChild(frame);
  }

  window.Worker = FileWorker;
  // Material's worker looks for this name to know it runs in a shim.
  window.IFrameWorker = FileWorker;
})();
