// The kiosk's enhancements. Every page works without them; they add the idle reset with its
// warning, the on-screen keyboard and keypad, read-aloud and printing. No storage is used.
(function () {
    "use strict";
    var body = document.body;
    var resetUrl = body.getAttribute("data-reset") || "/kiosk/end";

    function reset() {
        // Ending a session is a post with the antiforgery token (the layout's hidden form); the end
        // page then replaces itself with the home page, so nothing of the session stays in history.
        var form = document.querySelector("form[data-reset-form]");
        if (form) {
            form.submit();
        } else {
            location.replace(resetUrl);
        }
    }

    // A personal page restored from the back-forward cache is never shown: the session may be over.
    window.addEventListener("pageshow", function (e) {
        if (e.persisted && body.getAttribute("data-personal") === "1") {
            location.replace("/kiosk/me");
        }
    });

    // The end page takes itself out of the history too, so "back" has nothing of the session.
    var endHome = document.querySelector("[data-end-home]");
    if (endHome) {
        setTimeout(function () { location.replace(endHome.getAttribute("href")); }, 2500);
    }

    // --- Idle reset: a visible countdown, a warning with sound, one touch to continue. ---
    var idle = parseInt(body.getAttribute("data-idle") || "0", 10);
    var warn = parseInt(body.getAttribute("data-warn") || "25", 10);
    if (idle > 0) {
        var last = Date.now();
        var warned = false;
        var box = document.querySelector("[data-countdown-box]");
        var count = document.querySelector("[data-countdown]");
        var warning = document.getElementById("idle-warning");
        var warningSeconds = document.querySelector("[data-warning-seconds]");
        var audio = null;
        if (box) { box.hidden = false; }

        var touched = function () {
            last = Date.now();
            if (warned) {
                warned = false;
                if (warning) { warning.hidden = true; }
            }
            // Browsers allow sound only after a touch: make the context ready now.
            if (!audio && (window.AudioContext || window.webkitAudioContext)) {
                try { audio = new (window.AudioContext || window.webkitAudioContext)(); } catch (err) { audio = null; }
            }
        };
        ["pointerdown", "keydown", "touchstart", "wheel", "input"].forEach(function (name) {
            document.addEventListener(name, touched, { passive: true, capture: true });
        });
        var cont = document.querySelector("[data-continue]");
        if (cont) { cont.addEventListener("click", touched); }

        var beep = function () {
            body.setAttribute("data-beeped", String(parseInt(body.getAttribute("data-beeped") || "0", 10) + 1));
            if (!audio) { return; }
            try {
                if (audio.state === "suspended") { audio.resume(); }
                var t = audio.currentTime;
                [0, 0.4].forEach(function (offset) {
                    var osc = audio.createOscillator();
                    var gain = audio.createGain();
                    osc.frequency.value = 880;
                    gain.gain.setValueAtTime(0.0001, t + offset);
                    gain.gain.exponentialRampToValueAtTime(0.3, t + offset + 0.02);
                    gain.gain.exponentialRampToValueAtTime(0.0001, t + offset + 0.3);
                    osc.connect(gain).connect(audio.destination);
                    osc.start(t + offset);
                    osc.stop(t + offset + 0.32);
                });
            } catch (err) { /* no sound device: the warning is still on screen */ }
        };

        var tick = function () {
            var left = Math.max(0, Math.ceil(idle - (Date.now() - last) / 1000));
            if (count) { count.textContent = String(left); }
            if (warningSeconds) { warningSeconds.textContent = String(left); }
            if (left <= warn && !warned) {
                warned = true;
                if (warning) { warning.hidden = false; }
                beep();
            }
            if (left === 0) {
                clearInterval(timer);
                reset();
            }
        };
        var timer = setInterval(tick, 1000);
        tick();
    }

    // --- On-screen keyboard and keypad: keys type into the field last touched. ---
    var targets = Array.prototype.slice.call(document.querySelectorAll("[data-osk-target]"));
    var target = targets[0] || null;
    targets.forEach(function (input) {
        input.addEventListener("focus", function () { target = input; });
    });
    // The number keypad is always there; the letter keyboard opens when its field is touched,
    // so it does not push the home screen's choices out of sight.
    Array.prototype.forEach.call(document.querySelectorAll("[data-keypad]"), function (pad) { pad.hidden = false; });
    Array.prototype.forEach.call(document.querySelectorAll("[data-osk]"), function (pad) {
        var field = pad.closest("form") && pad.closest("form").querySelector("[data-osk-target]");
        if (field) {
            field.addEventListener("focus", function () { pad.hidden = false; });
        }
    });
    var type = function (fn) {
        if (!target) { return; }
        var max = parseInt(target.getAttribute("maxlength") || "100", 10);
        var value = fn(target.value);
        target.value = value.slice(0, max);
        target.dispatchEvent(new Event("input", { bubbles: true }));
    };
    // Pinyin mode: letters spell a word's sound; the job words that sound so come up as buttons
    // (from /kiosk/words), and touching one searches it. No input method of the system is needed.
    var pinyin = { on: false, letters: "", asked: 0 };
    var pinyinBox = document.querySelector("[data-osk-pinyin]");
    var pinyinMode = document.querySelector("[data-osk-mode]");
    var showWords = function () {
        if (!pinyinBox) { return; }
        var shown = pinyinBox.querySelector("[data-osk-letters]");
        var list = pinyinBox.querySelector("[data-osk-candidates]");
        var none = pinyinBox.querySelector("[data-osk-none]");
        shown.textContent = pinyin.letters;
        if (!pinyin.letters) { list.textContent = ""; none.hidden = true; return; }
        var ask = ++pinyin.asked;
        fetch("/kiosk/words?py=" + encodeURIComponent(pinyin.letters), { headers: { "Accept": "application/json" } })
            .then(function (r) { return r.ok ? r.json() : []; })
            .then(function (words) {
                if (ask !== pinyin.asked) { return; }
                list.textContent = "";
                words.forEach(function (word) {
                    var b = document.createElement("button");
                    b.type = "submit"; b.name = "q"; b.value = word; b.className = "btn word"; b.textContent = word;
                    b.setAttribute("lang", "zh-CN");
                    list.appendChild(b);
                });
                none.hidden = words.length > 0;
            })
            .catch(function () { /* the letters stay; the word keys above still search */ });
    };
    if (pinyinMode && pinyinBox) {
        pinyinMode.addEventListener("click", function () {
            pinyin.on = !pinyin.on;
            pinyin.letters = "";
            pinyinMode.setAttribute("aria-pressed", pinyin.on ? "true" : "false");
            pinyinBox.hidden = !pinyin.on;
            showWords();
        });
    }
    document.addEventListener("click", function (e) {
        var key = e.target.closest && e.target.closest("[data-key], [data-key-back], [data-key-clear]");
        if (!key) { return; }
        if (pinyin.on && key.closest("[data-osk]")) {
            if (key.hasAttribute("data-key")) {
                var letter = key.getAttribute("data-key");
                if (!/^[a-z]$/.test(letter) || pinyin.letters.length >= 30) { return; }
                pinyin.letters += letter;
            } else if (key.hasAttribute("data-key-back")) {
                pinyin.letters = pinyin.letters.slice(0, -1);
            } else {
                pinyin.letters = "";
            }
            showWords();
            return;
        }
        if (key.hasAttribute("data-key")) {
            var ch = key.getAttribute("data-key");
            type(function (v) { return v + ch; });
        } else if (key.hasAttribute("data-key-back")) {
            type(function (v) { return Array.from(v).slice(0, -1).join(""); });
        } else {
            type(function () { return ""; });
        }
    });

    // --- Printing. ---
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });

    // --- Read aloud, only where the browser has a voice; it can be paused and repeated. ---
    var synth = window.speechSynthesis;
    var read = document.querySelector("[data-read]");
    var pause = document.querySelector("[data-read-pause]");
    if (synth && read && pause) {
        var lang = document.documentElement.lang || "zh-CN";
        var voiceFor = function () {
            var voices = synth.getVoices();
            var prefix = lang.slice(0, 2);
            return voices.filter(function (v) { return v.lang && v.lang.slice(0, 2) === prefix; })[0] || null;
        };
        var offer = function () {
            var has = voiceFor() !== null;
            read.hidden = !has;
            if (!has) { pause.hidden = true; }
        };
        offer();
        if (typeof synth.addEventListener === "function") { synth.addEventListener("voiceschanged", offer); }
        read.addEventListener("click", function () {
            synth.cancel();
            var main = document.getElementById("main");
            var u = new SpeechSynthesisUtterance(main ? main.innerText : "");
            u.lang = lang;
            u.voice = voiceFor();
            u.rate = 0.9;
            u.onend = function () { pause.hidden = true; };
            synth.speak(u);
            pause.hidden = false;
            pause.setAttribute("aria-pressed", "false");
        });
        pause.addEventListener("click", function () {
            if (synth.paused) {
                synth.resume();
                pause.setAttribute("aria-pressed", "false");
            } else {
                synth.pause();
                pause.setAttribute("aria-pressed", "true");
            }
        });
        window.addEventListener("pagehide", function () { synth.cancel(); });
    }
})();
