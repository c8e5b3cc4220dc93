// Live scanning on the officer page: the camera's frames go to this verifier (POST /scan/frame),
// which finds the QR code with zxing-cpp and answers with the verdict page; no click, no CDN.
// Without a camera (or when it is refused) the photo and text form below stays the way to check.
(() => {
  "use strict";
  const live = document.getElementById("live");
  const form = document.getElementById("check");
  const video = document.getElementById("camera");
  const state = document.getElementById("scan-state");
  const MAX_SIDE = 1280; // the server takes at most 1280×960 pixels (max_frame_pixels)
  const INTERVAL_MS = 100; // at most ten frames a second, one at a time
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  let stream = null;

  // the chosen photo is named beside its button (the file input itself is hidden)
  const photo = form.elements.image;
  const photoName = document.getElementById("photo-name");
  photo.addEventListener("change", () => {
    photoName.textContent = photo.files.length ? "✔ " + photo.files[0].name : "";
  });

  const say = (key) => {
    state.textContent = live.dataset[key];
  };

  function stop() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
  }

  function frame() {
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
  }

  // The verdict page's address when the frame holds a code, null when not; a number: wait so long.
  async function send(jpeg) {
    const query = new URLSearchParams({ lang: document.documentElement.lang });
    if (form.elements.expect) query.set("expect", form.elements.expect.value);
    const answer = await fetch(`${live.dataset.url}?${query}`, {
      method: "POST",
      body: jpeg,
      credentials: "same-origin",
      headers: { "Content-Type": "image/jpeg", "X-CSRF-Token": form.elements.csrf.value },
    });
    if (answer.status === 429) return 1000 * Number(answer.headers.get("Retry-After") || 1);
    if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
    return (await answer.json()).verdict;
  }

  async function tick() {
    if (!stream) return;
    const started = performance.now();
    let wait = INTERVAL_MS;
    try {
      const found = video.readyState >= 2 ? await send(await frame()) : null;
      if (typeof found === "string") {
        stop();
        say("found");
        window.location.assign(found);
        return;
      }
      if (typeof found === "number") wait = found;
      say("point");
    } catch (error) {
      say("lost");
      wait = 1000;
    }
    setTimeout(tick, Math.max(0, wait - (performance.now() - started)));
  }

  async function start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    live.hidden = false;
    say("ask");
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
    } catch (error) {
      video.hidden = true;
      say("refused");
      return;
    }
    video.srcObject = stream;
    await video.play();
    say("point");
    tick();
  }

  window.addEventListener("pagehide", stop);
  start();
})();
