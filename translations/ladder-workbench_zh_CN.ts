<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComparedRunLabels</name>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
</context>
<context>
    <name>RunHistoryView</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>ladder</name>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>ladder::CompareMethodsDialog</name>
    <message>
        <source>Compare methods</source>
        <translation>比较方法</translation>
    </message>
    <message>
        <source>Queues the designer&apos;s run once per method checked: same backbone (%1), task (%2), data order and seed; each method with its default options and its own learning rate.</source>
        <translation>为每个勾选的方法将设计器中的运行各加入队列一次：相同的主干网络（%1）、任务（%2）、数据顺序和随机种子；每个方法使用其默认选项和各自的学习率。</translation>
    </message>
    <message>
        <source>Default rates: measured on the shipped teaching backbones (docs/pretrain.md); the paper&apos;s are tuned for T5-base.</source>
        <translation>默认学习率：在随附的教学用主干网络上测得（docs/pretrain.md）；论文中的学习率是针对 T5-base 调优的。</translation>
    </message>
    <message>
        <source>Default rates: the paper&apos;s, tuned for T5-base.</source>
        <translation>默认学习率：论文中的取值，针对 T5-base 调优。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Method&lt;/b&gt;</source>
        <translation>&lt;b&gt;方法&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Learning rate&lt;/b&gt;</source>
        <translation>&lt;b&gt;学习率&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Default&lt;/b&gt;</source>
        <translation>&lt;b&gt;默认值&lt;/b&gt;</translation>
    </message>
    <message>
        <source>method.kind &quot;%1&quot;</source>
        <translation>method.kind &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Peak learning rate for %1, e.g. 3e-4 or 0.01</source>
        <translation>%1 的峰值学习率，例如 3e-4 或 0.01</translation>
    </message>
    <message>
        <source>Reset rates</source>
        <translation>重置学习率</translation>
    </message>
    <message>
        <source>%1: the learning rate must be a positive number such as 3e-4.</source>
        <translation>%1：学习率必须是正数，例如 3e-4。</translation>
    </message>
    <message>
        <source>Check at least one method.</source>
        <translation>请至少勾选一个方法。</translation>
    </message>
    <message>
        <source>Queue 1 run</source>
        <translation>将 1 个运行加入队列</translation>
    </message>
    <message>
        <source>Queue %1 runs</source>
        <translation>将 %1 个运行加入队列</translation>
    </message>
</context>
<context>
    <name>ladder::CompareView</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Select runs in the run history and choose Compare.</source>
        <translation>请在运行历史中选择运行，然后点击“比较”。</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>导出 Markdown…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>将表格导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export table as Markdown</source>
        <translation>将表格导出为 Markdown</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Export comparison as JSON</source>
        <translation>将比较结果导出为 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Methods side by side</source>
        <translation>方法并列对比</translation>
    </message>
    <message>
        <source>Scores ×100: the test score; (val) the best validation score of a run without one.</source>
        <translation>分数 ×100：测试分数；(val) 表示没有测试分数的运行的最佳验证分数。</translation>
    </message>
    <message>
        <source>Configuration differences</source>
        <translation>配置差异</translation>
    </message>
    <message>
        <source>Highlighted: values that differ from the first run&apos;s.</source>
        <translation>高亮：与第一个运行不同的值。</translation>
    </message>
    <message>
        <source>None of these runs is in the store any more (deleted?): %1</source>
        <translation>这些运行都已不在存储中（已删除？）：%1</translation>
    </message>
    <message>
        <source>Not in the store any more (deleted?): runs %1</source>
        <translation>已不在存储中（已删除？）：运行 %1</translation>
    </message>
</context>
<context>
    <name>ladder::ComparisonTableModel</name>
    <message>
        <source> (val)</source>
        <translation> (val)</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation>（混合）</translation>
    </message>
    <message>
        <source>Test score</source>
        <translation>测试分数</translation>
    </message>
    <message>
        <source>Best validation score (the run has no test score)</source>
        <translation>最佳验证分数（该运行没有测试分数）</translation>
    </message>
    <message>
        <source>Mean of test and best validation scores</source>
        <translation>测试分数与最佳验证分数的平均值</translation>
    </message>
    <message>
        <source>%1, mean over runs %2</source>
        <translation>%1，运行 %2 的平均值</translation>
    </message>
    <message>
        <source>No mean: the row has no score on every task</source>
        <translation>无平均值：该行并非在每个任务上都有分数</translation>
    </message>
    <message>
        <source>The highest peak training memory of the row&apos;s runs</source>
        <translation>该行各运行中最高的训练峰值内存</translation>
    </message>
    <message>
        <source>Score ×100: the test score; (val) the best validation score of a run without one; (mixed) a mean over runs of both kinds</source>
        <translation>分数 ×100：测试分数；(val) 表示没有测试分数的运行的最佳验证分数；（混合）表示两类运行的平均值</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>主干网络</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>可训练</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>峰值内存</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
</context>
<context>
    <name>ladder::ConfigDifferenceModel</name>
    <message>
        <source>Not set in this run&apos;s configuration</source>
        <translation>该运行的配置中未设置</translation>
    </message>
    <message>
        <source>Run %1: the reference the other runs are compared with</source>
        <translation>运行 %1：其他运行与之比较的基准</translation>
    </message>
    <message>
        <source>Run %1: highlighted values differ from run %2&apos;s</source>
        <translation>运行 %1：高亮的值与运行 %2 不同</translation>
    </message>
</context>
<context>
    <name>ladder::CurvePlot</name>
    <message>
        <source>raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>Hover over the plot to read every curve&apos;s value; drag or wheel to zoom, double-click to fit.</source>
        <translation>将鼠标悬停在图上可读取每条曲线的值；拖动或滚轮缩放，双击恢复全图。</translation>
    </message>
</context>
<context>
    <name>ladder::LadderDiagram</name>
    <message>
        <source>μ –</source>
        <translation>μ –</translation>
    </message>
    <message>
        <source>μ %1</source>
        <translation>μ %1</translation>
    </message>
    <message>
        <source>No run design to draw yet.</source>
        <translation>尚无可绘制的运行设计。</translation>
    </message>
    <message>
        <source>Ladder Side-Tuning: frozen backbone d_model %1 → side network %2 (r = %3);</source>
        <translation>梯形侧调：冻结的主干网络 d_model %1 → 侧网络 %2（r = %3）；</translation>
    </message>
    <message>
        <source>%1 trainable parameters</source>
        <translation>%1 个可训练参数</translation>
    </message>
    <message>
        <source>frozen backbone (no gradient)</source>
        <translation>冻结的主干网络（无梯度）</translation>
    </message>
    <message>
        <source>side block (trained)</source>
        <translation>侧网络模块（训练）</translation>
    </message>
    <message>
        <source>ladder: downsampler d → d/r; the side state keeps μ, the ladder adds 1 − μ (thicker: more)</source>
        <translation>梯形连接：降采样器 d → d/r；侧网络状态保留 μ，梯形连接加入 1 − μ（越粗：越多）</translation>
    </message>
    <message>
        <source>dropped layer (no ladder)</source>
        <translation>被丢弃的层（无梯形连接）</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>frozen backbone · d_model %1</source>
        <translation>冻结的主干网络 · d_model %1</translation>
    </message>
    <message>
        <source>side · %1</source>
        <translation>侧网络 · %1</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Token embeddings, shared by encoder, decoder and LM head (frozen): %1 parameters.</source>
        <translation>词元嵌入，由编码器、解码器和语言模型头共享（冻结）：%1 个参数。</translation>
    </message>
    <message>
        <source>First downsample: Linear(%1 → %2) with bias on the embeddings starts the side state: %3 trainable parameters.</source>
        <translation>第一次降采样：作用于嵌入、带偏置的 Linear(%1 → %2)，产生侧网络的初始状态：%3 个可训练参数。</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>模块 %1</translation>
    </message>
    <message>
        <source>%1 dropped</source>
        <translation>%1（已丢弃）</translation>
    </message>
    <message>
        <source>Layer %1 is dropped: its backbone output feeds no ladder and the side state passes through unchanged.</source>
        <translation>第 %1 层被丢弃：其主干网络输出不接入任何梯形连接，侧网络状态原样通过。</translation>
    </message>
    <message>
        <source>side %1</source>
        <translation>侧网络 %1</translation>
    </message>
    <message>
        <source>outputs → the decoder&apos;s cross-attention</source>
        <translation>输出 → 解码器的交叉注意力</translation>
    </message>
    <message>
        <source>LM head</source>
        <translation>语言模型头</translation>
    </message>
    <message>
        <source>The LM head (frozen, tied to the embeddings) turns the up-projected side output into logits; the backbone decoder&apos;s own output is not used.</source>
        <translation>语言模型头（冻结，与嵌入共享权重）将上投影后的侧网络输出转换为 logits；主干网络解码器自身的输出不被使用。</translation>
    </message>
    <message>
        <source>up-projection %1 → %2</source>
        <translation>上投影 %1 → %2</translation>
    </message>
    <message>
        <source>Up-projection: Linear(%1 → %2) with bias after the side network&apos;s final norm: %3 trainable parameters.</source>
        <translation>上投影：侧网络最终归一化之后带偏置的 Linear(%1 → %2)：%3 个可训练参数。</translation>
    </message>
    <message>
        <source>Decoder block %1 (frozen): %2 parameters; no gradient flows into it.</source>
        <translation>解码器模块 %1（冻结）：%2 个参数；没有梯度流入。</translation>
    </message>
    <message>
        <source>Encoder block %1 (frozen): %2 parameters; no gradient flows into it.</source>
        <translation>编码器模块 %1（冻结）：%2 个参数；没有梯度流入。</translation>
    </message>
    <message>
        <source>Block 0 also holds the stack&apos;s relative-position table: %1 parameters.</source>
        <translation>模块 0 还包含该堆栈的相对位置表：%1 个参数。</translation>
    </message>
    <message>
        <source>Side block %1 (trained): %2 parameters — d_model %3, d_ff %4, %5 heads × %6.</source>
        <translation>侧网络模块 %1（训练）：%2 个参数 — d_model %3，d_ff %4，%5 个头 × %6。</translation>
    </message>
    <message>
        <source>The side stack also trains its own relative-position table: %1 parameters.</source>
        <translation>侧网络堆栈还训练其自身的相对位置表：%1 个参数。</translation>
    </message>
    <message>
        <source>Ladder from %1 block %2: Linear(%3 → %4) with bias, %5 trainable parameters.</source>
        <translation>来自%1模块 %2 的梯形连接：带偏置的 Linear(%3 → %4)，%5 个可训练参数。</translation>
    </message>
    <message>
        <source>decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <source>encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>Gate μ = sigmoid(α / T), one learnable α.</source>
        <translation>门控 μ = sigmoid(α / T)，一个可学习的 α。</translation>
    </message>
    <message>
        <source>Gate μ fixed (not trained).</source>
        <translation>门控 μ 固定（不训练）。</translation>
    </message>
    <message>
        <source>Now μ = %1: the side state keeps %2%, the ladder adds %3%.</source>
        <translation>当前 μ = %1：侧网络状态保留 %2%，梯形连接加入 %3%。</translation>
    </message>
    <message>
        <source>adapters</source>
        <translation>适配器</translation>
    </message>
    <message>
        <source>layer norms</source>
        <translation>层归一化</translation>
    </message>
    <message>
        <source>LoRA A·B</source>
        <translation>LoRA A·B</translation>
    </message>
    <message>
        <source>biases</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>soft prompt</source>
        <translation>软提示</translation>
    </message>
    <message>
        <source>backbone weights</source>
        <translation>主干权重</translation>
    </message>
    <message>
        <source>Full fine-tuning trains every weight of the backbone: %1 parameters</source>
        <translation>全量微调训练主干的每一个权重：%1 个参数</translation>
    </message>
    <message>
        <source>With %1, training happens inside the frozen backbone:</source>
        <translation>使用 %1 时，训练发生在冻结的主干内部：</translation>
    </message>
    <message>
        <source>%1 trainable parameters (%2% of the backbone)</source>
        <translation>%1 个可训练参数（占主干的 %2%）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>frozen (no update, but the gradient passes through)</source>
        <translation>冻结（不更新，但梯度要穿过它）</translation>
    </message>
    <message>
        <source>trained</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>backward pass: every block it crosses keeps its activations for it</source>
        <translation>反向传播：它经过的每个块都要为它保留激活值</translation>
    </message>
    <message>
        <source>backbone · d_model %1</source>
        <translation>主干 · d_model %1</translation>
    </message>
    <message>
        <source>Token embeddings, shared by encoder, decoder and LM head: %1 parameters, all trained.</source>
        <translation>词元嵌入，由编码器、解码器和语言模型头共享：%1 个参数，全部训练。</translation>
    </message>
    <message numerus="yes">
        <source>%n soft tokens</source>
        <translation>
            <numerusform>%n 个软提示词元</numerusform>
        </translation>
    </message>
    <message>
        <source>Prompt tuning: %1 trained vectors of width %2 placed before the encoder&apos;s input embeddings; everything else is frozen.</source>
        <translation>提示调优：在编码器的输入嵌入之前放置 %1 个宽度为 %2 的可训练向量；其余全部冻结。</translation>
    </message>
    <message>
        <source>adapters after self-attention and feed-forward: %1 → %2 → %1</source>
        <translation>自注意力与前馈层之后的适配器：%1 → %2 → %1</translation>
    </message>
    <message>
        <source>A·B (rank %1) on q and v, self- and cross-attention</source>
        <translation>q 和 v 上的 A·B（秩 %1），自注意力与交叉注意力</translation>
    </message>
    <message>
        <source>A·B (rank %1) on q and v of self-attention</source>
        <translation>自注意力 q 和 v 上的 A·B（秩 %1）</translation>
    </message>
    <message>
        <source>; biases (stripe)</source>
        <translation>；偏置（条纹）</translation>
    </message>
    <message>
        <source>biases of q, k, v, o, the feed-forward and the norms (stripe)</source>
        <translation>q、k、v、o、前馈层和归一化的偏置（条纹）</translation>
    </message>
    <message>
        <source>every weight trains</source>
        <translation>每个权重都训练</translation>
    </message>
    <message>
        <source>The LM head, tied to the embeddings, turns the decoder&apos;s output into logits; the loss&apos;s gradient starts here.</source>
        <translation>语言模型头与嵌入共享权重，将解码器的输出转换为 logits；损失的梯度从这里开始。</translation>
    </message>
    <message>
        <source>outputs → the decoder&apos;s cross-attention (the gradient comes back this way)</source>
        <translation>输出 → 解码器的交叉注意力（梯度沿此路径返回）</translation>
    </message>
    <message>
        <source>The backward pass runs from the loss through every block down to the lowest trained piece. Each block it crosses keeps its activations in memory until the gradient has passed; LST&apos;s side network never sends the gradient into the backbone.</source>
        <translation>反向传播从损失出发，穿过每个块，一直到最低处的可训练部分。它经过的每个块都要把激活值保留在内存中，直到梯度通过；LST 的侧网络从不把梯度送入主干。</translation>
    </message>
    <message>
        <source>Decoder block %1</source>
        <translation>解码器块 %1</translation>
    </message>
    <message>
        <source>Encoder block %1</source>
        <translation>编码器块 %1</translation>
    </message>
    <message>
        <source>%1: every one of its %2 weights trains.</source>
        <translation>%1：它的 %2 个权重全部训练。</translation>
    </message>
    <message>
        <source>%1: frozen (%2 parameters), with a trained adapter after its self-attention and one after its feed-forward layer (%3 → %4 → %3).</source>
        <translation>%1：冻结（%2 个参数），在自注意力之后和前馈层之后各有一个训练的适配器（%3 → %4 → %3）。</translation>
    </message>
    <message>
        <source>Its layer norms train too.</source>
        <translation>它的层归一化也参与训练。</translation>
    </message>
    <message>
        <source>%1: frozen (%2 parameters); trained low-rank updates A·B of rank %3 on the query and value projections of its attention.</source>
        <translation>%1：冻结（%2 个参数）；其注意力的查询和值投影上有训练的秩为 %3 的低秩更新 A·B。</translation>
    </message>
    <message>
        <source>Biases added to it train too.</source>
        <translation>添加到其中的偏置也参与训练。</translation>
    </message>
    <message>
        <source>%1: frozen (%2 parameters); only the biases added to its projections and norms train.</source>
        <translation>%1：冻结（%2 个参数）；只有添加到其投影和归一化上的偏置参与训练。</translation>
    </message>
    <message>
        <source>%1: frozen (%2 parameters); the gradient passes through it to reach the soft prompt.</source>
        <translation>%1：冻结（%2 个参数）；梯度穿过它到达软提示。</translation>
    </message>
</context>
<context>
    <name>ladder::LadderPicker</name>
    <message>
        <source>The paper&apos;s choice</source>
        <translation>论文的选择</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>全部层</translation>
    </message>
    <message>
        <source>Every 2nd layer</source>
        <translation>每隔一层</translation>
    </message>
    <message>
        <source>Every 3rd layer</source>
        <translation>每三层取一层</translation>
    </message>
    <message>
        <source>The layers clicked below</source>
        <translation>下方点选的层</translation>
    </message>
    <message>
        <source>The paper keeps 9 of T5-base&apos;s 12 layers (1, 2, 3, 5, 6, 7, 9, 10, 11) and every second layer of T5-large; other depths keep all. Click a layer to add or drop it.</source>
        <translation>论文在 T5-base 的 12 层中保留 9 层（1、2、3、5、6、7、9、10、11），在 T5-large 中每隔一层保留一层；其他深度保留全部层。点击某一层即可加入或去掉它。</translation>
    </message>
    <message>
        <source>Layer %1 feeds a ladder into a side block. Click to drop it.</source>
        <translation>第 %1 层通过梯子连到一个侧网络块。点击可去掉。</translation>
    </message>
    <message>
        <source>Layer %1 has no side block. Click to add one.</source>
        <translation>第 %1 层没有侧网络块。点击可加入。</translation>
    </message>
    <message>
        <source>Side blocks at %1 of %2 layers, in the encoder and the decoder alike.</source>
        <translation>%2 层中有 %1 层带侧网络块，编码器与解码器相同。</translation>
    </message>
    <message>
        <source>Side blocks at %1 of %2 encoder and %3 of %4 decoder layers.</source>
        <translation>侧网络块：编码器 %2 层中的 %1 层，解码器 %4 层中的 %3 层。</translation>
    </message>
    <message>
        <source>The last half</source>
        <translation>后一半的层</translation>
    </message>
    <message>
        <source>encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>decoder</source>
        <translation>解码器</translation>
    </message>
</context>
<context>
    <name>ladder::LadderView</name>
    <message>
        <source>Why LST&apos;s activations are small: the backbone is frozen and no gradient flows back through it, so autograd keeps none of its internals, only each ladder&apos;s input (the backbone block&apos;s output) and the narrow side network&apos;s own activations.</source>
        <translation>为什么 LST 的激活值很小：主干网络被冻结，没有梯度反向流经它，因此自动求导不保存其任何内部结果，只保存每个梯形连接的输入（主干网络模块的输出）以及窄小的侧网络自身的激活值。</translation>
    </message>
    <message>
        <source>Gate values μ appear on the ladders while an LST run trains.</source>
        <translation>LST 运行训练时，门控值 μ 会显示在梯形连接上。</translation>
    </message>
    <message>
        <source>Where the memory goes: predicted peak of one training step, batch %1, %2 source tokens</source>
        <translation>内存去向：单个训练步的预测峰值，批大小 %1，%2 个源词元</translation>
    </message>
    <message>
        <source>Gate values μ after step %1.</source>
        <translation>第 %1 步之后的门控值 μ。</translation>
    </message>
</context>
<context>
    <name>ladder::MainWindow</name>
    <message>
        <source>Ladder Workbench %1</source>
        <translation>Ladder Workbench %1</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Ladder</source>
        <translation>梯形结构</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>第 %v 步，共 %m 步</translation>
    </message>
    <message>
        <source>run history unavailable: %1</source>
        <translation>运行历史不可用：%1</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train the designed run now (Ctrl+Return)</source>
        <translation>立即训练设计好的运行（Ctrl+Return）</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>加入队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Add the designed run to the queue (Ctrl+Shift+Return)</source>
        <translation>将设计好的运行加入队列（Ctrl+Shift+Return）</translation>
    </message>
    <message>
        <source>&amp;Compare methods…</source>
        <translation>比较方法(&amp;C)…</translation>
    </message>
    <message>
        <source>Queue the designed run once per method — same backbone, task, data order and seed — and compare them</source>
        <translation>为每个方法将设计好的运行各加入队列一次（相同的主干网络、任务、数据顺序和随机种子），并进行比较</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume the run the curves follow</source>
        <translation>暂停或继续曲线所跟踪的运行</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the run the curves follow (it is kept, stopped, in the history)</source>
        <translation>停止曲线所跟踪的运行（它会以“已停止”状态保留在历史中）</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>演示(&amp;D)</translation>
    </message>
    <message>
        <source>LST, Adapters and LoRA on the shipped wordnet-t5-tiny, compared as they train</source>
        <translation>在随附的 wordnet-t5-tiny 上运行 LST、Adapters 和 LoRA，边训练边比较</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Ladder Workbench</source>
        <translation>关于 Ladder Workbench(&amp;A)</translation>
    </message>
    <message>
        <source>About Ladder Workbench</source>
        <translation>关于 Ladder Workbench</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>Cannot start: every training slot is taken; queue the run instead</source>
        <translation>无法启动：所有训练槽位都已占用；请改为将运行加入队列</translation>
    </message>
    <message>
        <source>queued: %1</source>
        <translation>已加入队列：%1</translation>
    </message>
    <message>
        <source>Cannot start the demo while runs are going</source>
        <translation>有运行正在进行时无法启动演示</translation>
    </message>
    <message numerus="yes">
        <source>comparing %n method(s), queued</source>
        <translation>
            <numerusform>正在比较 %n 个方法，已加入队列</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: started%2</source>
        <translation>%1：已启动%2</translation>
    </message>
    <message>
        <source> (run %1 in %2)</source>
        <translation>（运行 %1，位于 %2）</translation>
    </message>
    <message>
        <source>%1: %2 of %3 parameters train; %4 steps; vocabulary: %5</source>
        <translation>%1：%3 个参数中有 %2 个参与训练；%4 步；词表：%5</translation>
    </message>
    <message>
        <source>%1 · step %2/%3 · loss %4 · %5 samples/s · ETA %6</source>
        <translation>%1 · 第 %2/%3 步 · 损失 %4 · %5 样本/秒 · 预计剩余 %6</translation>
    </message>
    <message>
        <source>%1 · preparing: %2</source>
        <translation>%1 · 准备中：%2</translation>
    </message>
    <message>
        <source> · test score %1</source>
        <translation> · 测试分数 %1</translation>
    </message>
    <message>
        <source> · peak tensor memory %1</source>
        <translation> · 张量峰值内存 %1</translation>
    </message>
    <message>
        <source>Cannot open the runs: %1</source>
        <translation>无法打开运行：%1</translation>
    </message>
    <message>
        <source>Configuration loaded into the designer</source>
        <translation>配置已载入设计器</translation>
    </message>
    <message>
        <source>Cannot load the configuration: %1</source>
        <translation>无法载入配置：%1</translation>
    </message>
    <message>
        <source>queued: resume run %1</source>
        <translation>已加入队列：继续运行 %1</translation>
    </message>
    <message>
        <source>Cannot resume run %1: %2</source>
        <translation>无法继续运行 %1：%2</translation>
    </message>
    <message>
        <source>the last session&apos;s run could not be restored, the demo&apos;s is shown: %1</source>
        <translation>无法恢复上次会话的运行，已显示演示运行：%1</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>ladder::MemoryComparisonChart</name>
    <message>
        <source>Full
fine-tuning</source>
        <translation>全量
微调</translation>
    </message>
    <message>
        <source>Ladder Side-Tuning
(LST)</source>
        <translation>梯形侧调
(LST)</translation>
    </message>
    <message>
        <source>%1 is not shown: %2</source>
        <translation>未显示 %1：%2</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>predicted peak (%1)</source>
        <translation>预测峰值（%1）</translation>
    </message>
</context>
<context>
    <name>ladder::MethodNames</name>
    <message>
        <source>Ladder Side-Tuning (LST)</source>
        <translation>梯形侧调 (LST)</translation>
    </message>
    <message>
        <source>Adapters</source>
        <translation>Adapters</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>BitFit</source>
        <translation>BitFit</translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation>全量微调</translation>
    </message>
    <message>
        <source>Prompt tuning</source>
        <translation>提示微调 (Prompt tuning)</translation>
    </message>
</context>
<context>
    <name>ladder::OptionEditor</name>
    <message>
        <source>Back to the default: %1</source>
        <translation>恢复默认值：%1</translation>
    </message>
</context>
<context>
    <name>ladder::OptionLabel</name>
    <message>
        <source>reduction</source>
        <translation>缩减因子</translation>
    </message>
    <message>
        <source>train layer norms</source>
        <translation>训练层归一化</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>秩</translation>
    </message>
    <message>
        <source>alpha</source>
        <translation>alpha 系数</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>dropout 比率</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>目标投影</translation>
    </message>
    <message>
        <source>train biases</source>
        <translation>训练偏置</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>gate</source>
        <translation>门控</translation>
    </message>
    <message>
        <source>gate temperature</source>
        <translation>门控温度</translation>
    </message>
    <message>
        <source>gate alpha</source>
        <translation>门控 alpha</translation>
    </message>
    <message>
        <source>init</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>fisher samples</source>
        <translation>Fisher 样本数</translation>
    </message>
    <message>
        <source>backbone dtype</source>
        <translation>主干数值类型</translation>
    </message>
    <message>
        <source>side attention</source>
        <translation>侧网络注意力</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>warmup steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>max source length</source>
        <translation>最大源长度</translation>
    </message>
    <message>
        <source>max target length</source>
        <translation>最大目标长度</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>grad accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <source>max grad norm</source>
        <translation>最大梯度范数</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>checkpoint every</source>
        <translation>检查点间隔</translation>
    </message>
    <message>
        <source>output dir</source>
        <translation>输出目录</translation>
    </message>
    <message>
        <source>target style</source>
        <translation>目标格式</translation>
    </message>
    <message>
        <source>eval batch size</source>
        <translation>评估批大小</translation>
    </message>
    <message>
        <source>eval limit</source>
        <translation>评估上限</translation>
    </message>
    <message>
        <source>length buckets</source>
        <translation>按长度分桶</translation>
    </message>
    <message>
        <source>vocab size</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>eval test</source>
        <translation>评估测试集</translation>
    </message>
    <message>
        <source>measure memory</source>
        <translation>测量内存</translation>
    </message>
</context>
<context>
    <name>ladder::PeakMemoryBars</name>
    <message>
        <source>Peak training memory by category</source>
        <translation>按类别划分的训练峰值内存</translation>
    </message>
    <message>
        <source>At the step of each run&apos;s peak; the categories add up to the peak</source>
        <translation>取每个运行达到峰值的那一步；各类别之和即为峰值</translation>
    </message>
    <message>
        <source>At the step of each run&apos;s peak; no memory measured yet: %1</source>
        <translation>取每个运行达到峰值的那一步；尚未测得内存：%1</translation>
    </message>
    <message>
        <source>peak training memory (%1)</source>
        <translation>训练峰值内存（%1）</translation>
    </message>
</context>
<context>
    <name>ladder::PlotExport</name>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>%1: unknown image type &quot;%2&quot;; use a name ending in .png, .svg or .pdf.</source>
        <translation>%1：未知的图像类型“%2”；请使用以 .png、.svg 或 .pdf 结尾的文件名。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>导出图像…</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>Export data…</source>
        <translation>导出数据…</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ladder::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System: the desktop&apos;s look. Light and Dark: the same look everywhere, plots included.</source>
        <translation>系统：沿用桌面的外观。浅色和深色：在任何地方外观一致，图表也随之改变。</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>系统语言（%1）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>A new language is used from the next start; --lang overrides it for one start.</source>
        <translation>新语言在下次启动时生效；--lang 可在单次启动时覆盖它。</translation>
    </message>
    <message>
        <source>Forget recent folders and files</source>
        <translation>清除最近使用的文件夹和文件</translation>
    </message>
    <message>
        <source>The backbone folders, GLUE folders and task files the designer offers again</source>
        <translation>设计器再次提供的主干文件夹、GLUE 文件夹和任务文件</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近使用</translation>
    </message>
</context>
<context>
    <name>ladder::QueueView</name>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Start the selected queued run earlier</source>
        <translation>让选中的排队运行更早开始</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Start the selected queued run later</source>
        <translation>让选中的排队运行更晚开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause the selected run (it keeps its place among the runs training) or resume it</source>
        <translation>暂停选中的运行（它在训练中的运行里保留其位置），或将其继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A queued run never starts; a training run stops and keeps what it recorded</source>
        <translation>排队中的运行将不会开始；正在训练的运行会停止并保留已记录的内容</translation>
    </message>
    <message>
        <source>Clear ended</source>
        <translation>清除已结束</translation>
    </message>
    <message>
        <source>Remove finished, stopped, failed and cancelled runs from the list (they stay in the store)</source>
        <translation>从列表中移除已完成、已停止、失败和已取消的运行（它们仍保留在存储中）</translation>
    </message>
    <message>
        <source>How many queued runs train at once; the cores are split between them</source>
        <translation>同时训练的排队运行数量；CPU 核心在它们之间平分</translation>
    </message>
    <message>
        <source>Parallel runs</source>
        <translation>并行运行数</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>ladder::RecentPathsButton</name>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近使用的文件</translation>
    </message>
    <message>
        <source>No recent folders</source>
        <translation>没有最近使用的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>ladder::ReductionSlider</name>
    <message>
        <source>r = %1</source>
        <translation>r = %1</translation>
    </message>
    <message>
        <source>side network: d_model %1, d_ff %2, d_kv %3 (the backbone&apos;s %4, %5, %6 divided by %7)</source>
        <translation>侧网络：d_model %1，d_ff %2，d_kv %3（主干的 %4、%5、%6 除以 %7）</translation>
    </message>
</context>
<context>
    <name>ladder::RunCurves</name>
    <message>
        <source>x axis:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <source>optimizer steps</source>
        <translation>优化器步数</translation>
    </message>
    <message>
        <source>wall-clock seconds</source>
        <translation>实际耗时（秒）</translation>
    </message>
    <message>
        <source>examples seen</source>
        <translation>已见样本数</translation>
    </message>
    <message>
        <source>loss smoothing:</source>
        <translation>损失平滑：</translation>
    </message>
    <message>
        <source>Exponential moving average of the loss (as TensorBoard&apos;s); the raw curve stays faint behind it.</source>
        <translation>损失的指数移动平均（与 TensorBoard 相同）；原始曲线以淡色保留在其后。</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Evaluation score (● validation, ◆ test)</source>
        <translation>评估分数（● 验证，◆ 测试）</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Peak tensor memory</source>
        <translation>张量峰值内存</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>(raw)</source>
        <translation>（原始）</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <source>frozen weights</source>
        <translation>冻结的权重</translation>
    </message>
    <message>
        <source>trainable weights</source>
        <translation>可训练的权重</translation>
    </message>
    <message>
        <source>gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>optimizer state</source>
        <translation>优化器状态</translation>
    </message>
    <message>
        <source>activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>MiB on %1</source>
        <translation>MiB（%1 上）</translation>
    </message>
</context>
<context>
    <name>ladder::RunDesigner</name>
    <message>
        <source>activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>frozen weights</source>
        <translation>冻结的权重</translation>
    </message>
    <message>
        <source>trainable weights</source>
        <translation>可训练的权重</translation>
    </message>
    <message>
        <source>gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>optimizer state</source>
        <translation>优化器状态</translation>
    </message>
    <message>
        <source>Backbone and method</source>
        <translation>主干网络与方法</translation>
    </message>
    <message>
        <source>HuggingFace folder…</source>
        <translation>HuggingFace 文件夹…</translation>
    </message>
    <message>
        <source>wordnet-* backbones were pretrained by `ladder pretrain`; the t5-* shapes start from random weights; a HuggingFace T5 folder (config.json, model.safetensors, spiece.model) brings its own.</source>
        <translation>wordnet-* 主干网络由 `ladder pretrain` 预训练；t5-* 结构从随机权重开始；HuggingFace T5 文件夹（config.json、model.safetensors、spiece.model）自带权重。</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>主干网络</translation>
    </message>
    <message>
        <source>Code name: %1 (method.kind in a run configuration and for `ladder train`)</source>
        <translation>代码名称：%1（运行配置中的 method.kind，也用于 `ladder train`）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Method options</source>
        <translation>方法选项</translation>
    </message>
    <message>
        <source>Task and training</source>
        <translation>任务与训练</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Training examples</source>
        <translation>训练样本数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>epochs decide</source>
        <translation>由轮数决定</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>the paper&apos;s rate</source>
        <translation>论文中的学习率</translation>
    </message>
    <message>
        <source>The rate follows the method (and the backbone) until you set one: the rates measured on the shipped wordnet-t5 backbones there, the paper&apos;s elsewhere.</source>
        <translation>在你自行设置之前，学习率随方法（及主干网络）而定：在随附的 wordnet-t5 主干网络上使用实测的学习率，其他情况下使用论文中的学习率。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>epoch end</source>
        <translation>每轮结束时</translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <source>bf16: mixed precision (fp32 weights and optimizer state, bf16 products)</source>
        <translation>bf16：混合精度（fp32 权重和优化器状态，bf16 乘积）</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Before it runs: the predictor</source>
        <translation>运行之前：预测器</translation>
    </message>
    <message>
        <source>HuggingFace T5 folder</source>
        <translation>HuggingFace T5 文件夹</translation>
    </message>
    <message>
        <source>%1 parameters · %2 encoder + %3 decoder layers · d_model %4 · vocabulary %5</source>
        <translation>%1 个参数 · %2 个编码器层 + %3 个解码器层 · d_model %4 · 词表 %5</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%2 的学习率为 %1</translation>
    </message>
    <message>
        <source>default for %1 on this backbone (measured)</source>
        <translation>%1 在此主干网络上的默认值（实测）</translation>
    </message>
    <message>
        <source>default for %1 (the paper&apos;s)</source>
        <translation>%1 的默认值（论文中的）</translation>
    </message>
    <message>
        <source>yours; default for %1: %2</source>
        <translation>你设置的值；%1 的默认值：%2</translation>
    </message>
    <message>
        <source>(no options)</source>
        <translation>（无选项）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2 parameters train (%3%)&lt;br&gt;peak tensor memory at most &lt;b&gt;%4&lt;/b&gt; (batch %5, every source padded to %6 tokens; shorter data needs less, `ladder plan --data` measures it):&lt;br&gt;frozen weights %7 · trainable %8 · gradients %9 · optimizer %10 · activations %11</source>
        <translation>%2 个参数中有 &lt;b&gt;%1&lt;/b&gt; 个参与训练（%3%）&lt;br&gt;张量峰值内存最多 &lt;b&gt;%4&lt;/b&gt;（批大小 %5，每个源序列填充到 %6 个词元；更短的数据需要更少内存，可用 `ladder plan --data` 测量）：&lt;br&gt;冻结的权重 %7 · 可训练 %8 · 梯度 %9 · 优化器 %10 · 激活值 %11</translation>
    </message>
    <message>
        <source>A smaller batch or shorter sources shrink them.</source>
        <translation>更小的批大小或更短的源序列可以减少它们。</translation>
    </message>
    <message>
        <source>A smaller backbone, or a method that trains fewer parameters, shrinks them.</source>
        <translation>更小的主干网络，或训练参数更少的方法，可以减少它们。</translation>
    </message>
    <message>
        <source>&lt;b&gt;This run will not fit.&lt;/b&gt; %1: %2 of %3 predicted; this machine has %4. %5</source>
        <translation>&lt;b&gt;此运行放不下。&lt;/b&gt;%1：预测峰值 %3 中占 %2；本机只有 %4。%5</translation>
    </message>
    <message>
        <source>More training settings</source>
        <translation>更多训练设置</translation>
    </message>
    <message>
        <source>Warm-up, weight decay, gradient accumulation, evaluation limits, checkpoints, threads… each option&apos;s range as `ladder options run` lists it</source>
        <translation>预热、权重衰减、梯度累积、评估上限、检查点、线程……每个选项的取值范围与 `ladder options run` 所列相同</translation>
    </message>
</context>
<context>
    <name>ladder::RunHistoryModel</name>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>Best validation score, at step %1</source>
        <translation>最佳验证分数，位于第 %1 步</translation>
    </message>
    <message>
        <source>The last optimizer step the run recorded</source>
        <translation>该运行记录的最后一个优化器步</translation>
    </message>
    <message>
        <source>The best validation score (the task&apos;s metric, ×100)</source>
        <translation>最佳验证分数（任务的指标，×100）</translation>
    </message>
    <message>
        <source>The test split&apos;s score (the task&apos;s metric, ×100)</source>
        <translation>测试集分数（任务的指标，×100）</translation>
    </message>
    <message>
        <source>Peak training tensor memory</source>
        <translation>训练张量峰值内存</translation>
    </message>
    <message>
        <source>Trainable parameters as a share of all parameters</source>
        <translation>可训练参数占全部参数的比例</translation>
    </message>
    <message>
        <source>Mean training throughput</source>
        <translation>平均训练吞吐量</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>主干网络</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Best validation</source>
        <translation>最佳验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>峰值内存</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>可训练</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Highest tensor memory the allocator measured on %1, at step %2</source>
        <translation>分配器在 %1 上测得的最高张量内存，位于第 %2 步</translation>
    </message>
</context>
<context>
    <name>ladder::RunHistoryView</name>
    <message>
        <source>Filter by name, method, task, backbone or tag</source>
        <translation>按名称、方法、任务、主干网络或标签筛选</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Export as CSV…</source>
        <translation>导出为 CSV…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>导出为 JSON…</translation>
    </message>
    <message>
        <source>Load configuration into the designer</source>
        <translation>将配置载入设计器</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>run %1 “%2”</source>
        <translation>运行 %1“%2”</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <source>Name of run %1:</source>
        <translation>运行 %1 的名称：</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Tags of %1, separated by commas:</source>
        <translation>%1 的标签，以逗号分隔：</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notes on %1:</source>
        <translation>关于 %1 的备注：</translation>
    </message>
    <message>
        <source>Delete %1 with its curves, evaluations and notes? This cannot be undone.</source>
        <translation>删除 %1 及其曲线、评估和备注？此操作无法撤销。</translation>
    </message>
    <message numerus="yes">
        <source>Delete these %n runs with their curves, evaluations and notes? This cannot be undone.

%1</source>
        <translation>
            <numerusform>删除这 %n 个运行及其曲线、评估和备注？此操作无法撤销。

%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Some runs were not deleted:

%1

Stop a running run before deleting it.</source>
        <translation>部分运行未被删除：

%1

请先停止正在运行的运行，再删除它。</translation>
    </message>
    <message>
        <source>Export runs as CSV</source>
        <translation>将运行导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export runs as JSON</source>
        <translation>将运行导出为 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
</context>
<context>
    <name>ladder::RunQueue</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>evaluating %1</source>
        <translation>正在评估 %1</translation>
    </message>
</context>
<context>
    <name>ladder::RunQueueModel</name>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>pausing</source>
        <translation>正在暂停</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>ladder::ScoreMemoryBubbles</name>
    <message>
        <source>Score against peak training memory</source>
        <translation>分数与训练峰值内存的关系</translation>
    </message>
    <message>
        <source>Pareto frontier (no run has less memory and a higher score)</source>
        <translation>帕累托前沿（没有运行内存更少且分数更高）</translation>
    </message>
    <message>
        <source>peak training memory</source>
        <translation>训练峰值内存</translation>
    </message>
    <message>
        <source>Bubble area ∝ trainable parameters (the smallest enlarged to stay visible); up and to the left is better</source>
        <translation>气泡面积 ∝ 可训练参数量（最小的已放大以保持可见）；越靠左上越好</translation>
    </message>
    <message>
        <source>Not shown (no memory or score yet): %1</source>
        <translation>未显示（尚无内存或分数）：%1</translation>
    </message>
    <message>
        <source>peak training memory (%1)</source>
        <translation>训练峰值内存（%1）</translation>
    </message>
    <message>
        <source>best validation score</source>
        <translation>最佳验证分数</translation>
    </message>
    <message>
        <source>score (test; best validation where none)</source>
        <translation>分数（测试；若无则取最佳验证）</translation>
    </message>
    <message>
        <source>test score</source>
        <translation>测试分数</translation>
    </message>
</context>
<context>
    <name>ladder::TaskPicker</name>
    <message>
        <source>Demo task</source>
        <translation>演示任务</translation>
    </message>
    <message>
        <source>GLUE folder</source>
        <translation>GLUE 文件夹</translation>
    </message>
    <message>
        <source>File (TSV, CSV, JSONL)</source>
        <translation>文件（TSV、CSV、JSONL）</translation>
    </message>
    <message>
        <source>a folder with CoLA/, SST-2/, … or one of them</source>
        <translation>包含 CoLA/、SST-2/ 等子文件夹的文件夹，或其中之一</translation>
    </message>
    <message>
        <source>The GLUE tasks found in the folder, by the names `ladder train` uses (task.name)</source>
        <translation>在该文件夹中找到的 GLUE 任务，以 `ladder train` 使用的名称（task.name）显示</translation>
    </message>
    <message>
        <source>training file</source>
        <translation>训练文件</translation>
    </message>
    <message>
        <source>TSV (tabs, quotes are text)</source>
        <translation>TSV（制表符分隔，引号按文本处理）</translation>
    </message>
    <message>
        <source>CSV (RFC 4180)</source>
        <translation>CSV (RFC 4180)</translation>
    </message>
    <message>
        <source>JSONL (one object per line)</source>
        <translation>JSONL（每行一个对象）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Tick the columns that hold the text; drag to set the order they are written in</source>
        <translation>勾选包含文本的列；拖动以设置它们写入的顺序</translation>
    </message>
    <message>
        <source>Text columns</source>
        <translation>文本列</translation>
    </message>
    <message>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <source>the label is a number (regression)</source>
        <translation>标签是数值（回归）</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>任务文件</translation>
    </message>
    <message>
        <source>Task files (*.tsv *.csv *.jsonl *.json);;All files (*)</source>
        <translation>任务文件 (*.tsv *.csv *.jsonl *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>no GLUE task files in %1 (expected folders such as SST-2/ or RTE/ with train.tsv and dev.tsv, as GLUE distributes them)</source>
        <translation>%1 中没有 GLUE 任务文件（应有 SST-2/ 或 RTE/ 之类的文件夹，内含 train.tsv 和 dev.tsv，与 GLUE 的发布格式相同）</translation>
    </message>
    <message>
        <source>Tick at least one text column.</source>
        <translation>请至少勾选一个文本列。</translation>
    </message>
    <message>
        <source>regression: %1 rows</source>
        <translation>回归：%1 行</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
</context>
<context>
    <name>ladder::Theme</name>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>ladder::TrainingSession</name>
    <message>
        <source>a run is already going</source>
        <translation>已有运行正在进行</translation>
    </message>
</context>
<context>
    <name>ladder::VersionPanel</name>
    <message>
        <source>Ladder Workbench</source>
        <translation>Ladder Workbench</translation>
    </message>
    <message>
        <source>Ladder Side-Tuning and parameter-efficient fine-tuning of T5, measured.</source>
        <translation>对 T5 的梯形侧调与参数高效微调进行实测。</translation>
    </message>
    <message>
        <source>ladder-workbench %1 / Qt %2 (built with %3) / LibTorch %4</source>
        <translation>ladder-workbench %1 / Qt %2（编译时使用 %3）/ LibTorch %4</translation>
    </message>
</context>
<context>
    <name>ladder::WelcomePage</name>
    <message>
        <source>Welcome to Ladder Workbench</source>
        <translation>欢迎使用梯形侧调工作台</translation>
    </message>
    <message>
        <source>Ladder Side-Tuning (LST) fine-tunes a large pretrained model without backpropagating through it: the backbone stays frozen, and a small side network, fed through ladders from the backbone&apos;s layers, is all that trains. On T5-base the paper measured 69% less training memory than full fine-tuning, where Adapters and LoRA save about 26%, at similar accuracy.</source>
        <translation>梯形侧调（Ladder Side-Tuning，LST）在微调大型预训练模型时不对其反向传播：主干保持冻结，只训练一个小型侧网络，它通过梯子从主干各层获取输入。在 T5-base 上，论文测得其训练内存比全量微调少 69%，而 Adapters 和 LoRA 只节省约 26%，准确率相近。</translation>
    </message>
    <message>
        <source>Run the demo</source>
        <translation>运行演示</translation>
    </message>
    <message>
        <source>LST, Adapters and LoRA fine-tuned on the shipped wordnet-t5-tiny, their loss, memory and accuracy plotted side by side as they train (about a minute and a half on two cores).</source>
        <translation>在随附的 wordnet-t5-tiny 上微调 LST、Adapters 和 LoRA，训练过程中并排绘制它们的损失、内存和准确率（双核约一分半钟）。</translation>
    </message>
    <message>
        <source>See why LST saves memory</source>
        <translation>了解 LST 为何节省内存</translation>
    </message>
    <message>
        <source>The ladder view: the frozen backbone, the side network beside it, and where each method&apos;s training memory goes.</source>
        <translation>梯形结构视图：冻结的主干、旁边的侧网络，以及每种方法的训练内存用在何处。</translation>
    </message>
    <message>
        <source>Design your own run</source>
        <translation>设计你自己的运行</translation>
    </message>
    <message>
        <source>Choose a backbone (a preset or a HuggingFace T5 folder), a method and its options, and a task (GLUE or your own TSV, CSV or JSONL file) in the Run panel; the predictor says whether it fits.</source>
        <translation>在“运行”面板中选择主干（预设或 HuggingFace T5 文件夹）、方法及其选项以及任务（GLUE 或你自己的 TSV、CSV、JSONL 文件）；预测器会告诉你内存是否够用。</translation>
    </message>
    <message>
        <source>Runs are kept in the history below. The same engine runs without a window: &lt;code&gt;ladder train --help&lt;/code&gt;.</source>
        <translation>运行记录保存在下方的历史中。同一引擎也可以无窗口运行：&lt;code&gt;ladder train --help&lt;/code&gt;。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Ladder Side-Tuning workbench</source>
        <translation>梯形侧调（Ladder Side-Tuning）工作台</translation>
    </message>
    <message>
        <source>Print the versions of the application, Qt and LibTorch.</source>
        <translation>打印本程序、Qt 和 LibTorch 的版本。</translation>
    </message>
    <message>
        <source>Start the built-in demo at once: LST, Adapters and LoRA on the shipped wordnet-t5-tiny, classifying WordNet glosses, compared as they train.</source>
        <translation>立即启动内置演示：在随附的 wordnet-t5-tiny 上用 LST、Adapters 和 LoRA 对 WordNet 释义进行分类，边训练边比较。</translation>
    </message>
    <message>
        <source>Run database (default: $LADDER_DB or %1).</source>
        <translation>运行数据库（默认：$LADDER_DB 或 %1）。</translation>
    </message>
    <message>
        <source>Do not record runs in a database.</source>
        <translation>不在数据库中记录运行。</translation>
    </message>
    <message>
        <source>With --demo: when its last run ends, save the window (1600×1000, the compare view shown) to &lt;file&gt; (PNG, JPEG… by its suffix) and quit.</source>
        <translation>与 --demo 一起使用：最后一个运行结束时，将窗口（1600×1000，显示比较视图）保存到 &lt;file&gt;（PNG、JPEG…，按后缀决定）并退出。</translation>
    </message>
    <message>
        <source>With --view: the backbone, a preset shape (t5-base…) or a shipped backbone.</source>
        <translation>与 --view 一起使用：主干网络，可以是预设结构（t5-base…）或随附的主干网络。</translation>
    </message>
    <message>
        <source>With --view: the method (lst, lora, adapter, bitfit, prompt, full).</source>
        <translation>与 --view 一起使用：方法（lst、lora、adapter、bitfit、prompt、full）。</translation>
    </message>
    <message>
        <source>cannot write the image (unknown suffix or unwritable folder)</source>
        <translation>无法写入图像（未知后缀或文件夹不可写）</translation>
    </message>
    <message>
        <source>User interface language, e.g. zh_CN or en (default: the one chosen in the preferences, else the system locale).</source>
        <translation>界面语言，例如 zh_CN 或 en（默认：首选项中所选的语言，否则为系统区域设置）。</translation>
    </message>
    <message>
        <source>--screenshot needs --demo (it saves the window when the demo&apos;s runs end) or --view</source>
        <translation>--screenshot 需要与 --demo（在演示的运行结束时保存窗口）或 --view 一起使用</translation>
    </message>
    <message>
        <source>Open on a view: &quot;ladder&quot; (LST&apos;s architecture and where a training step&apos;s memory goes, for teaching), &quot;designer&quot; (the run designer) or &quot;window&quot; (the whole window as it opens). With --screenshot: save that view and quit.</source>
        <translation>打开某个视图：&quot;ladder&quot;（LST 的结构以及一个训练步骤的内存去向，用于教学）、&quot;designer&quot;（运行设计器）或 &quot;window&quot;（打开时的整个窗口）。配合 --screenshot：保存该视图后退出。</translation>
    </message>
    <message>
        <source>Colour theme: system, light or dark (default: the one chosen in the preferences).</source>
        <translation>配色主题：system、light 或 dark（默认：首选项中所选的主题）。</translation>
    </message>
    <message>
        <source>unknown theme (known: system, light, dark)</source>
        <translation>未知主题（可用：system、light、dark）</translation>
    </message>
    <message>
        <source>--view %1: unknown view (known: ladder, designer, window)</source>
        <translation>--view %1：未知视图（可用：ladder、designer、window）</translation>
    </message>
</context>
</TS>
