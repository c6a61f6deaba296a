<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ComparedRunLabels</name>
    <message>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunHistoryView</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder</name>
    <message>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::CompareMethodsDialog</name>
    <message>
        <source>Compare methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queues the designer&apos;s run once per method checked: same backbone (%1), task (%2), data order and seed; each method with its default options and its own learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default rates: measured on the shipped teaching backbones (docs/pretrain.md); the paper&apos;s are tuned for T5-base.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default rates: the paper&apos;s, tuned for T5-base.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Method&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Learning rate&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Default&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method.kind &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak learning rate for %1, e.g. 3e-4 or 0.01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the learning rate must be a positive number such as 3e-4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check at least one method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue 1 run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue %1 runs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::CompareView</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select runs in the run history and choose Compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export table as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export comparison as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Methods side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores ×100: the test score; (val) the best validation score of a run without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highlighted: values that differ from the first run&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of these runs is in the store any more (deleted?): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the store any more (deleted?): runs %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::ComparisonTableModel</name>
    <message>
        <source> (val)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best validation score (the run has no test score)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean of test and best validation scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, mean over runs %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mean: the row has no score on every task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The highest peak training memory of the row&apos;s runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score ×100: the test score; (val) the best validation score of a run without one; (mixed) a mean over runs of both kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::ConfigDifferenceModel</name>
    <message>
        <source>Not set in this run&apos;s configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1: the reference the other runs are compared with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1: highlighted values differ from run %2&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::CurvePlot</name>
    <message>
        <source>raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover over the plot to read every curve&apos;s value; drag or wheel to zoom, double-click to fit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::LadderDiagram</name>
    <message>
        <source>μ –</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>μ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run design to draw yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ladder Side-Tuning: frozen backbone d_model %1 → side network %2 (r = %3);</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 trainable parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen backbone (no gradient)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>side block (trained)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ladder: downsampler d → d/r; the side state keeps μ, the ladder adds 1 − μ (thicker: more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped layer (no ladder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen backbone · d_model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>side · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token embeddings, shared by encoder, decoder and LM head (frozen): %1 parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First downsample: Linear(%1 → %2) with bias on the embeddings starts the side state: %3 trainable parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 is dropped: its backbone output feeds no ladder and the side state passes through unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>side %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outputs → the decoder&apos;s cross-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LM head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The LM head (frozen, tied to the embeddings) turns the up-projected side output into logits; the backbone decoder&apos;s own output is not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up-projection %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up-projection: Linear(%1 → %2) with bias after the side network&apos;s final norm: %3 trainable parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoder block %1 (frozen): %2 parameters; no gradient flows into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder block %1 (frozen): %2 parameters; no gradient flows into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block 0 also holds the stack&apos;s relative-position table: %1 parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side block %1 (trained): %2 parameters — d_model %3, d_ff %4, %5 heads × %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The side stack also trains its own relative-position table: %1 parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ladder from %1 block %2: Linear(%3 → %4) with bias, %5 trainable parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate μ = sigmoid(α / T), one learnable α.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate μ fixed (not trained).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now μ = %1: the side state keeps %2%, the ladder adds %3%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer norms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA A·B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>biases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>soft prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backbone weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full fine-tuning trains every weight of the backbone: %1 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With %1, training happens inside the frozen backbone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 trainable parameters (%2% of the backbone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen (no update, but the gradient passes through)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backward pass: every block it crosses keeps its activations for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backbone · d_model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token embeddings, shared by encoder, decoder and LM head: %1 parameters, all trained.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n soft tokens</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Prompt tuning: %1 trained vectors of width %2 placed before the encoder&apos;s input embeddings; everything else is frozen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adapters after self-attention and feed-forward: %1 → %2 → %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A·B (rank %1) on q and v, self- and cross-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A·B (rank %1) on q and v of self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; biases (stripe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>biases of q, k, v, o, the feed-forward and the norms (stripe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every weight trains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The LM head, tied to the embeddings, turns the decoder&apos;s output into logits; the loss&apos;s gradient starts here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outputs → the decoder&apos;s cross-attention (the gradient comes back this way)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backward pass runs from the loss through every block down to the lowest trained piece. Each block it crosses keeps its activations in memory until the gradient has passed; LST&apos;s side network never sends the gradient into the backbone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoder block %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder block %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: every one of its %2 weights trains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: frozen (%2 parameters), with a trained adapter after its self-attention and one after its feed-forward layer (%3 → %4 → %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its layer norms train too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: frozen (%2 parameters); trained low-rank updates A·B of rank %3 on the query and value projections of its attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Biases added to it train too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: frozen (%2 parameters); only the biases added to its projections and norms train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: frozen (%2 parameters); the gradient passes through it to reach the soft prompt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::LadderPicker</name>
    <message>
        <source>The paper&apos;s choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 2nd layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 3rd layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layers clicked below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper keeps 9 of T5-base&apos;s 12 layers (1, 2, 3, 5, 6, 7, 9, 10, 11) and every second layer of T5-large; other depths keep all. Click a layer to add or drop it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 feeds a ladder into a side block. Click to drop it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 has no side block. Click to add one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side blocks at %1 of %2 layers, in the encoder and the decoder alike.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side blocks at %1 of %2 encoder and %3 of %4 decoder layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last half</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::LadderView</name>
    <message>
        <source>Why LST&apos;s activations are small: the backbone is frozen and no gradient flows back through it, so autograd keeps none of its internals, only each ladder&apos;s input (the backbone block&apos;s output) and the narrow side network&apos;s own activations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate values μ appear on the ladders while an LST run trains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the memory goes: predicted peak of one training step, batch %1, %2 source tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate values μ after step %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::MainWindow</name>
    <message>
        <source>Ladder Workbench %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ladder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run history unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the designed run now (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the designed run to the queue (Ctrl+Shift+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare methods…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the designed run once per method — same backbone, task, data order and seed — and compare them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume the run the curves follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the run the curves follow (it is kept, stopped, in the history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LST, Adapters and LoRA on the shipped wordnet-t5-tiny, compared as they train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Ladder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Ladder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start: every training slot is taken; queue the run instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the demo while runs are going</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>comparing %n method(s), queued</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: started%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (run %1 in %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 parameters train; %4 steps; vocabulary: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · step %2/%3 · loss %4 · %5 samples/s · ETA %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · preparing: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · test score %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · peak tensor memory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the runs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration loaded into the designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the configuration: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued: resume run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot resume run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last session&apos;s run could not be restored, the demo&apos;s is shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::MemoryComparisonChart</name>
    <message>
        <source>Full
fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ladder Side-Tuning
(LST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not shown: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted peak (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::MethodNames</name>
    <message>
        <source>Ladder Side-Tuning (LST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BitFit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt tuning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::OptionEditor</name>
    <message>
        <source>Back to the default: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::OptionLabel</name>
    <message>
        <source>reduction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train layer norms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train biases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gate temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gate alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fisher samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backbone dtype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>side attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warmup steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max source length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max target length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grad accumulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max grad norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkpoint every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eval batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eval limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>length buckets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vocab size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eval test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measure memory</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::PeakMemoryBars</name>
    <message>
        <source>Peak training memory by category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the step of each run&apos;s peak; the categories add up to the peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the step of each run&apos;s peak; no memory measured yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak training memory (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::PlotExport</name>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown image type &quot;%2&quot;; use a name ending in .png, .svg or .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System: the desktop&apos;s look. Light and Dark: the same look everywhere, plots included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language is used from the next start; --lang overrides it for one start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget recent folders and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backbone folders, GLUE folders and task files the designer offers again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::QueueView</name>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the selected queued run earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the selected queued run later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the selected run (it keeps its place among the runs training) or resume it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A queued run never starts; a training run stops and keeps what it recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove finished, stopped, failed and cancelled runs from the list (they stay in the store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many queued runs train at once; the cores are split between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::RecentPathsButton</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::ReductionSlider</name>
    <message>
        <source>r = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>side network: d_model %1, d_ff %2, d_kv %3 (the backbone&apos;s %4, %5, %6 divided by %7)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::RunCurves</name>
    <message>
        <source>x axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wall-clock seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>examples seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential moving average of the loss (as TensorBoard&apos;s); the raw curve stays faint behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation score (● validation, ◆ test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak tensor memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(raw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trainable weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::RunDesigner</name>
    <message>
        <source>activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trainable weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backbone and method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HuggingFace folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wordnet-* backbones were pretrained by `ladder pretrain`; the t5-* shapes start from random weights; a HuggingFace T5 folder (config.json, model.safetensors, spiece.model) brings its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code name: %1 (method.kind in a run configuration and for `ladder train`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task and training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs decide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the paper&apos;s rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rate follows the method (and the backbone) until you set one: the rates measured on the shipped wordnet-t5 backbones there, the paper&apos;s elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bf16: mixed precision (fp32 weights and optimizer state, bf16 products)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before it runs: the predictor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HuggingFace T5 folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters · %2 encoder + %3 decoder layers · d_model %4 · vocabulary %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default for %1 on this backbone (measured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default for %1 (the paper&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yours; default for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no options)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2 parameters train (%3%)&lt;br&gt;peak tensor memory at most &lt;b&gt;%4&lt;/b&gt; (batch %5, every source padded to %6 tokens; shorter data needs less, `ladder plan --data` measures it):&lt;br&gt;frozen weights %7 · trainable %8 · gradients %9 · optimizer %10 · activations %11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A smaller batch or shorter sources shrink them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A smaller backbone, or a method that trains fewer parameters, shrinks them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This run will not fit.&lt;/b&gt; %1: %2 of %3 predicted; this machine has %4. %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More training settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up, weight decay, gradient accumulation, evaluation limits, checkpoints, threads… each option&apos;s range as `ladder options run` lists it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::RunHistoryModel</name>
    <message>
        <source>Tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best validation score, at step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last optimizer step the run recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The best validation score (the task&apos;s metric, ×100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test split&apos;s score (the task&apos;s metric, ×100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak training tensor memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainable parameters as a share of all parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean training throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest tensor memory the allocator measured on %1, at step %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::RunHistoryView</name>
    <message>
        <source>Filter by name, method, task, backbone or tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load configuration into the designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of run %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags of %1, separated by commas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes on %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 with its curves, evaluations and notes? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n runs with their curves, evaluations and notes? This cannot be undone.

%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some runs were not deleted:

%1

Stop a running run before deleting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export runs as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export runs as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::RunQueue</name>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::RunQueueModel</name>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pausing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::ScoreMemoryBubbles</name>
    <message>
        <source>Score against peak training memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto frontier (no run has less memory and a higher score)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak training memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bubble area ∝ trainable parameters (the smallest enlarged to stay visible); up and to the left is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not shown (no memory or score yet): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak training memory (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best validation score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score (test; best validation where none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test score</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::TaskPicker</name>
    <message>
        <source>Demo task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLUE folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File (TSV, CSV, JSONL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a folder with CoLA/, SST-2/, … or one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GLUE tasks found in the folder, by the names `ladder train` uses (task.name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSV (tabs, quotes are text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (RFC 4180)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL (one object per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the columns that hold the text; drag to set the order they are written in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the label is a number (regression)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task files (*.tsv *.csv *.jsonl *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no GLUE task files in %1 (expected folders such as SST-2/ or RTE/ with train.tsv and dev.tsv, as GLUE distributes them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one text column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regression: %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::Theme</name>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::TrainingSession</name>
    <message>
        <source>a run is already going</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::VersionPanel</name>
    <message>
        <source>Ladder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ladder Side-Tuning and parameter-efficient fine-tuning of T5, measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ladder-workbench %1 / Qt %2 (built with %3) / LibTorch %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::WelcomePage</name>
    <message>
        <source>Welcome to Ladder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ladder Side-Tuning (LST) fine-tunes a large pretrained model without backpropagating through it: the backbone stays frozen, and a small side network, fed through ladders from the backbone&apos;s layers, is all that trains. On T5-base the paper measured 69% less training memory than full fine-tuning, where Adapters and LoRA save about 26%, at similar accuracy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LST, Adapters and LoRA fine-tuned on the shipped wordnet-t5-tiny, their loss, memory and accuracy plotted side by side as they train (about a minute and a half on two cores).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See why LST saves memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ladder view: the frozen backbone, the side network beside it, and where each method&apos;s training memory goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design your own run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backbone (a preset or a HuggingFace T5 folder), a method and its options, and a task (GLUE or your own TSV, CSV or JSONL file) in the Run panel; the predictor says whether it fits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs are kept in the history below. The same engine runs without a window: &lt;code&gt;ladder train --help&lt;/code&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Ladder Side-Tuning workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the versions of the application, Qt and LibTorch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the built-in demo at once: LST, Adapters and LoRA on the shipped wordnet-t5-tiny, classifying WordNet glosses, compared as they train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run database (default: $LADDER_DB or %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not record runs in a database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --demo: when its last run ends, save the window (1600×1000, the compare view shown) to &lt;file&gt; (PNG, JPEG… by its suffix) and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --view: the backbone, a preset shape (t5-base…) or a shipped backbone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --view: the method (lst, lora, adapter, bitfit, prompt, full).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the image (unknown suffix or unwritable folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot needs --demo (it saves the window when the demo&apos;s runs end) or --view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open on a view: &quot;ladder&quot; (LST&apos;s architecture and where a training step&apos;s memory goes, for teaching), &quot;designer&quot; (the run designer) or &quot;window&quot; (the whole window as it opens). With --screenshot: save that view and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language, e.g. zh_CN or en (default: the one chosen in the preferences, else the system locale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour theme: system, light or dark (default: the one chosen in the preferences).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown theme (known: system, light, dark)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--view %1: unknown view (known: ladder, designer, window)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
