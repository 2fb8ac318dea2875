/**
 * A square drawing pad (white strokes on black, as in MNIST-style data) for the try-it page.
 * The server reads the drawing downsampled to the model's input size with `pixels(w, h)`.
 */
class NetwrightSketchPad extends HTMLElement {
  private canvas = document.createElement('canvas');
  private drawing = false;
  private last?: { x: number; y: number };

  connectedCallback() {
    if (this.canvas.isConnected) {
      return;
    }
    this.style.display = 'inline-block';
    this.canvas.width = 280;
    this.canvas.height = 280;
    this.canvas.style.width = '100%';
    this.canvas.style.height = '100%';
    this.canvas.style.touchAction = 'none';
    this.canvas.style.cursor = 'crosshair';
    this.appendChild(this.canvas);
    this.clear();
    this.canvas.addEventListener('pointerdown', (e) => {
      this.drawing = true;
      this.canvas.setPointerCapture(e.pointerId);
      this.last = this.toCanvas(e);
      this.stroke(this.last, this.last);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing || !this.last) {
        return;
      }
      const next = this.toCanvas(e);
      this.stroke(this.last, next);
      this.last = next;
    });
    const end = () => {
      if (this.drawing) {
        this.drawing = false;
        this.last = undefined;
        this.dispatchEvent(new CustomEvent('nw-sketch-change'));
      }
    };
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
  }

  clear() {
    const g = this.canvas.getContext('2d')!;
    g.fillStyle = '#000';
    g.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Grey values in [0,1], row-major, comma-separated, of the drawing scaled to width x height. */
  pixels(width: number, height: number): string {
    const small = document.createElement('canvas');
    small.width = width;
    small.height = height;
    const g = small.getContext('2d')!;
    g.imageSmoothingEnabled = true;
    g.imageSmoothingQuality = 'high';
    g.drawImage(this.canvas, 0, 0, width, height);
    const rgba = g.getImageData(0, 0, width, height).data;
    const values: string[] = [];
    for (let i = 0; i < rgba.length; i += 4) {
      values.push(((rgba[i] + rgba[i + 1] + rgba[i + 2]) / (3 * 255)).toFixed(4));
    }
    return values.join(',');
  }

  private toCanvas(e: PointerEvent) {
    const box = this.canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - box.left) / box.width) * this.canvas.width,
      y: ((e.clientY - box.top) / box.height) * this.canvas.height,
    };
  }

  private stroke(from: { x: number; y: number }, to: { x: number; y: number }) {
    const g = this.canvas.getContext('2d')!;
    g.strokeStyle = '#fff';
    g.lineWidth = 20;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(from.x, from.y);
    g.lineTo(to.x, to.y);
    g.stroke();
  }
}

customElements.define('nw-sketch-pad', NetwrightSketchPad);
