package dev.netwright.engine.export;

/** Classes and functions a generated file defines only when one of its layers needs them. */
enum PyTorchHelper {
    LAST_STEPS("last_steps", """
            def last_steps(sequence, units):
                \"\"\"A bidirectional layer's summary: the forward direction's last step and the backward one's first.\"\"\"
                return torch.cat([sequence[:, -1, :units], sequence[:, 0, units:]], dim=1)
            """),
    POSITIONAL_ENCODING("PositionalEncoding", """
            class PositionalEncoding(nn.Module):
                \"\"\"Adds position information to [batch, time, features]: fixed sinusoids or a learned table.\"\"\"

                def __init__(self, max_length, features, learned):
                    super().__init__()
                    if learned:
                        self.positions = nn.Parameter(torch.randn(max_length, features) * 0.02)
                    else:
                        # PE[t, 2i] = sin(t / 10000^(2i / features)), PE[t, 2i + 1] = cos(...)
                        angle = numpy.arange(max_length)[:, None] / numpy.power(
                            10000.0, numpy.arange(0, features, 2)[None, :] / features)
                        table = numpy.zeros((max_length, features))
                        table[:, 0::2] = numpy.sin(angle)
                        table[:, 1::2] = numpy.cos(angle)[:, : features // 2]
                        self.register_buffer("positions", torch.tensor(table, dtype=torch.float32), persistent=False)

                def forward(self, x):
                    return x + self.positions[: x.shape[1]]
            """),
    SELF_ATTENTION("SelfAttention", """
            class SelfAttention(nn.Module):
                \"\"\"Multi-head self-attention: softmax(Q K^T / sqrt(dim / heads)) V per head, then an output projection.\"\"\"

                def __init__(self, in_features, dim, heads, dropout=0.0, causal=False):
                    super().__init__()
                    self.heads = heads
                    self.causal = causal
                    self.query = nn.Linear(in_features, dim)
                    self.key = nn.Linear(in_features, dim)
                    self.value = nn.Linear(in_features, dim)
                    self.output = nn.Linear(dim, dim)
                    self.dropout = nn.Dropout(dropout)

                def forward(self, x):
                    batch, steps, _ = x.shape

                    def split(y):
                        return y.reshape(batch, steps, self.heads, -1).transpose(1, 2)

                    q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
                    scores = q @ k.transpose(2, 3) / math.sqrt(q.shape[-1])
                    if self.causal:  # a step sees only itself and earlier steps
                        scores = scores + torch.triu(torch.full((steps, steps), -1e9, device=x.device), diagonal=1)
                    weights = self.dropout(torch.softmax(scores, dim=-1))
                    return self.output((weights @ v).transpose(1, 2).reshape(batch, steps, -1))
            """);

    private final String pythonName;
    private final String source;

    PyTorchHelper(String pythonName, String source) {
        this.pythonName = pythonName;
        this.source = source;
    }

    String pythonName() {
        return pythonName;
    }

    String source() {
        return source;
    }
}
