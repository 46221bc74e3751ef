<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BetterWorseChart</name>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/chart.py" line="154"/>
        <source>Better / Worse (Timko, in Berger et al. 1993)</source>
        <extracomment>Chart labels longer than this are cut (the table beside the chart has the full title): a dock-sized chart with two dozen full titles is a thicket of overlapping text.</extracomment>
        <translation>Better / Worse 系数图（Timko，见 Berger 等 1993）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/chart.py" line="155"/>
        <source>|Worse|: dissatisfaction when absent</source>
        <translation>|Worse|：不具备时的不满意程度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/chart.py" line="156"/>
        <source>Better: satisfaction when present</source>
        <translation>Better：具备时的满意程度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/chart.py" line="157"/>
        <source>No Kano answers yet</source>
        <translation>还没有卡诺问卷答案</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/chart.py" line="210"/>
        <source>Drawing the chart…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/chart.py" line="211"/>
        <source>The chart could not be drawn: %1</source>
        <translation>无法绘制图表：%1</translation>
    </message>
</context>
<context>
    <name>CardItem</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/items/cards.py" line="48"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items/cards.py" line="50"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items/cards.py" line="51"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>CommentBadge</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/items/comment_badge.py" line="56"/>
        <source>%n open comment thread(s)</source>
        <translation>%n 个未解决的评论</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="175"/>
        <location filename="../../cxmapper/ui/panels/comments.py" line="303"/>
        <source>Show resolved</source>
        <translation>显示已解决</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="187"/>
        <source>No comments yet. Type below and press Enter.</source>
        <translation>还没有评论。在下方输入，按回车发表。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="193"/>
        <source>&amp;Reply</source>
        <translation>回复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="194"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="195"/>
        <location filename="../../cxmapper/ui/panels/comments.py" line="342"/>
        <source>Re&amp;solve</source>
        <translation>解决(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="196"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="218"/>
        <source>Enter posts · Shift+Enter new line · Esc cancels</source>
        <translation>回车发表 · Shift+回车换行 · Esc 取消</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="221"/>
        <source>&amp;Post</source>
        <translation>发表(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="253"/>
        <source>Comments on card “{name}”</source>
        <translation>卡片“{name}”的评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="255"/>
        <source>Comments on step “{name}”</source>
        <translation>步骤“{name}”的评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="257"/>
        <source>Comments on stage “{name}”</source>
        <translation>阶段“{name}”的评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="258"/>
        <source>Comments on the map</source>
        <translation>整张地图的评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="303"/>
        <source>Show resolved ({count})</source>
        <translation>显示已解决（{count}）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="312"/>
        <source>(no name)</source>
        <translation>（无名）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="314"/>
        <source>(edited)</source>
        <translation>（已编辑）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="316"/>
        <source>✓ Resolved</source>
        <translation>✓ 已解决</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="342"/>
        <source>Re&amp;open</source>
        <translation>重新打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="350"/>
        <source>Replying to {author} (Esc cancels)</source>
        <translation>回复 {author}（Esc 取消）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="351"/>
        <source>Write a reply…</source>
        <translation>写回复…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="353"/>
        <source>Editing your comment (Esc cancels)</source>
        <translation>正在编辑你的评论（Esc 取消）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="357"/>
        <source>Write a comment…</source>
        <translation>写评论…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="394"/>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="395"/>
        <source>Comments are signed with your name. What is it?</source>
        <translation>评论会署上你的名字。你叫什么？</translation>
    </message>
</context>
<context>
    <name>CommentsUi</name>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="482"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="489"/>
        <source>&amp;Comment…</source>
        <translation>评论(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/comments.py" line="490"/>
        <source>Comment on the selected card, or the step, stage or map the comments panel shows</source>
        <translation>评论选中的卡片，或评论面板所显示的步骤、阶段或地图</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="48"/>
        <source>&amp;Link to…</source>
        <extracomment>How long the Undo offer stays in the status bar. A deletion of at least this many cards is announced with an Undo offer.</extracomment>
        <translation>链接到(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="49"/>
        <source>Link the selected card to another card (or Shift+drag on the canvas)</source>
        <translation>把选中的卡片链接到另一张卡片（也可在画布上按住 Shift 拖动）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="52"/>
        <source>Edit Card &amp;Title	F2</source>
        <translation>编辑卡片标题(&amp;T)	F2</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="54"/>
        <source>Add S&amp;tep After</source>
        <translation>在后面添加步骤(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="55"/>
        <source>Add a step after the current one and type its name</source>
        <translation>在当前步骤后添加一个步骤并输入名称</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="58"/>
        <source>Add Sta&amp;ge After</source>
        <translation>在后面添加阶段(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="59"/>
        <source>Add a stage after the current one and type its name</source>
        <translation>在当前阶段后添加一个阶段并输入名称</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="62"/>
        <source>Add E&amp;motion Point</source>
        <translation>添加情绪点(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="63"/>
        <source>Add a point to a persona&apos;s emotion curve at the current step (or double-click the emotion band)</source>
        <translation>在当前步骤为用户画像的情绪曲线添加一个点（也可双击情绪带）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="82"/>
        <source>Every persona shown has a point at this step</source>
        <translation>显示的每个用户画像在这个步骤都已有情绪点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="95"/>
        <source>Select one card to link from</source>
        <translation>请先选中一张要链接的卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="134"/>
        <location filename="../../cxmapper/ui/edit_actions.py" line="147"/>
        <source>New step</source>
        <translation>新步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="147"/>
        <source>New stage</source>
        <translation>新阶段</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="45"/>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="56"/>
        <source>Delete %n card(s)</source>
        <translation>删除 %n 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="63"/>
        <source>Cut %n card(s)</source>
        <translation>剪切 %n 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="70"/>
        <source>Move %n card(s)</source>
        <translation>移动 %n 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="76"/>
        <source>Paste %n card(s)</source>
        <translation>粘贴 %n 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="83"/>
        <source>Add %1 link</source>
        <translation>添加“%1”连线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="88"/>
        <source>Change link kind</source>
        <translation>更改连线类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="92"/>
        <source>Remove link</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="99"/>
        <source>Add emotion point</source>
        <translation>添加情绪点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="104"/>
        <source>Change emotion</source>
        <translation>更改情绪</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="114"/>
        <source>Edit card title</source>
        <translation>编辑卡片标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="115"/>
        <source>Rename stage</source>
        <translation>重命名阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="116"/>
        <source>Rename step</source>
        <translation>重命名步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="117"/>
        <source>Rename lane</source>
        <translation>重命名泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="118"/>
        <source>Rename persona</source>
        <translation>重命名用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="119"/>
        <source>Edit map title</source>
        <translation>编辑地图标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="120"/>
        <source>Edit map description</source>
        <translation>编辑地图描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="121"/>
        <source>Edit authors</source>
        <translation>编辑作者</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="164"/>
        <source>Add stage</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="168"/>
        <source>Add step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="172"/>
        <source>Add lane</source>
        <translation>添加泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="176"/>
        <source>Add persona</source>
        <translation>添加用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="195"/>
        <source>Remove stage and %n card(s)</source>
        <translation>移除阶段及其 %n 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="197"/>
        <source>Remove step and %n card(s)</source>
        <translation>移除步骤及其 %n 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="199"/>
        <source>Remove lane and %n card(s)</source>
        <translation>移除泳道及其 %n 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="201"/>
        <source>Remove persona</source>
        <translation>移除用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="206"/>
        <source>Remove stage</source>
        <translation>移除阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="207"/>
        <source>Remove step</source>
        <translation>移除步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="208"/>
        <source>Remove lane</source>
        <translation>移除泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="216"/>
        <source>Move stage</source>
        <translation>移动阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="218"/>
        <source>Move step</source>
        <translation>移动步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="220"/>
        <source>Move lane</source>
        <translation>移动泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="222"/>
        <source>Move persona</source>
        <translation>移动用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="230"/>
        <source>Change emotion scale</source>
        <translation>更改情绪刻度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="235"/>
        <source>Change analysis settings</source>
        <translation>更改分析设置</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="241"/>
        <source>Compute Kano categories (%n card(s))</source>
        <translation>计算卡诺类别（%n 张卡片）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="246"/>
        <source>Import Kano answers from %1</source>
        <translation>从 %1 导入卡诺问卷答案</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="256"/>
        <source>Add comment</source>
        <translation>添加评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="257"/>
        <source>Reply to comment</source>
        <translation>回复评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="261"/>
        <source>Edit comment</source>
        <translation>编辑评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="267"/>
        <source>Resolve comment</source>
        <translation>解决评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="269"/>
        <source>Reopen comment</source>
        <translation>重新打开评论</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="277"/>
        <source>Delete comment and %n reply(s)</source>
        <translation>删除评论及 %n 条回复</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edits.py" line="279"/>
        <source>Delete comment</source>
        <translation>删除评论</translation>
    </message>
</context>
<context>
    <name>EmotionHints</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/emotion_hints.py" line="122"/>
        <source>Click to add {name}&apos;s emotion point here</source>
        <translation>点击在此添加{name}的情绪点</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="120"/>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="119"/>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="121"/>
        <source>Letter landscape</source>
        <translation>Letter 横向</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="122"/>
        <source>Poster: the whole blueprint on one page sized to the map</source>
        <translation>海报：整张蓝图放在一页上，页面随地图大小</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="126"/>
        <source>Blueprint and its appendix</source>
        <translation>服务蓝图及附录</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="125"/>
        <source>Cover and headline figures</source>
        <translation>封面与关键数字</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="127"/>
        <source>Emotion curves</source>
        <translation>情绪曲线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="128"/>
        <source>Pain points ranked</source>
        <translation>痛点优先级排序</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="129"/>
        <source>Metrics per stage</source>
        <translation>各阶段指标</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="130"/>
        <source>Kano analysis</source>
        <translation>Kano 分析</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="152"/>
        <source>The map&apos;s language</source>
        <translation>跟随地图语言</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="153"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="154"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="71"/>
        <source>PDF report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="71"/>
        <source>PDF report (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="72"/>
        <source>PNG picture</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="72"/>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="73"/>
        <source>SVG picture</source>
        <translation>SVG 图片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="73"/>
        <source>SVG picture (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="74"/>
        <source>flat JSON</source>
        <translation>扁平 JSON</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="74"/>
        <source>Flat JSON (*.json)</source>
        <translation>扁平 JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="75"/>
        <source>CSV tables</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="76"/>
        <source>Mermaid journey</source>
        <translation>Mermaid 旅程图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="76"/>
        <source>Mermaid journey (*.mmd *.md *.txt)</source>
        <translation>Mermaid 旅程图 (*.mmd *.md *.txt)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="77"/>
        <source>PowerPoint slides</source>
        <translation>PowerPoint 幻灯片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="77"/>
        <source>PowerPoint slides (*.pptx)</source>
        <translation>PowerPoint 幻灯片 (*.pptx)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="105"/>
        <location filename="../../cxmapper/ui/export_dialog.py" line="338"/>
        <source>Export {what}</source>
        <extracomment>The last PDF options chosen in this session (paper, fit, language, sections).</extracomment>
        <translation>导出{what}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="339"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="384"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="385"/>
        <source>Could not write the {what} to
{path}

{reason}</source>
        <translation>无法将{what}写入
{path}

{reason}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="59"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="61"/>
        <source>Words in a card&apos;s title, description or tags</source>
        <translation>卡片标题、描述或标签中的词</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="73"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="77"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="81"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="140"/>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/find.py" line="142"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="144"/>
        <source>{current} of {total}</source>
        <translation>第 {current} 个，共 {total} 个</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="50"/>
        <source>Import Kano answers</source>
        <translation>导入卡诺问卷答案</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="55"/>
        <source>Nothing was imported from %1:
%2</source>
        <translation>未从 %1 导入任何内容：
%2</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="57"/>
        <source>The map refused the import: %1</source>
        <translation>地图拒绝了此次导入：%1</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="59"/>
        <source>%1 of %2 rows imported from %3 for %4 card(s); %5 row(s) not imported.</source>
        <translation>已从 %3 导入 %2 行中的 %1 行，涉及 %4 张卡片；%5 行未导入。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="62"/>
        <source>Categories computed for %1 card(s).</source>
        <translation>已为 %1 张卡片计算卡诺类别。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="65"/>
        <source>%1 card(s) keep a category set by hand that differs from the answers (marked ✎ in the table; Recompute categories can overwrite them).</source>
        <translation>%1 张卡片保留了手动设置、与问卷结果不同的类别（表中以 ✎ 标出；“重新计算类别”可以覆盖它们）。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="69"/>
        <source>Edit ▸ Undo takes the whole import back.</source>
        <translation>“编辑 ▸ 撤销”可以撤回整个导入。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="75"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/import_dialog.py" line="75"/>
        <source>Why it was not imported</source>
        <translation>未导入的原因</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="261"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="321"/>
        <source>Title</source>
        <extracomment>Link to… was pressed on a card&apos;s page (the card id): the window opens the dialog.</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="262"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="322"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="521"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="528"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="546"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="552"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="267"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="279"/>
        <source>Emotion scale</source>
        <translation>情绪刻度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="283"/>
        <source>Kano table</source>
        <translation>卡诺评价表</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="284"/>
        <source>Standard (Berger et al.)</source>
        <translation>标准表（Berger 等）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="285"/>
        <source>Pouliot</source>
        <translation>Pouliot 表</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="287"/>
        <source>Kano category from</source>
        <translation>卡诺类别依据</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="288"/>
        <source>Most frequent answer</source>
        <translation>出现最多的类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="289"/>
        <source>A+O+M against I+R+Q</source>
        <translation>A+O+M 对比 I+R+Q</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="291"/>
        <source>CSAT is</source>
        <translation>CSAT 口径</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="292"/>
        <source>Share of 4 and 5, in %</source>
        <translation>4 分和 5 分占比（%）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="293"/>
        <source>Mean on 1–5</source>
        <translation>1–5 分平均值</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="295"/>
        <source>CES is</source>
        <translation>CES 口径</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="296"/>
        <source>Mean on 1–7</source>
        <translation>1–7 分平均值</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="297"/>
        <source>Share of 5–7, in %</source>
        <translation>5–7 分占比（%）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="317"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="542"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="319"/>
        <source>Change card kind</source>
        <translation>更改卡片类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="322"/>
        <source>Edit card description</source>
        <translation>编辑卡片描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="323"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="323"/>
        <source>Edit card owner</source>
        <translation>编辑卡片负责人</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="325"/>
        <source>comma-separated</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="327"/>
        <source>Edit card tags</source>
        <translation>编辑卡片标签</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="329"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="333"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="506"/>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="335"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="504"/>
        <source>Change evidence</source>
        <translation>更改依据</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="337"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="342"/>
        <source>Change channel</source>
        <translation>更改渠道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="348"/>
        <source>Fail point</source>
        <translation>失败点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="349"/>
        <source>Change fail point</source>
        <translation>更改失败点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="350"/>
        <source>Decision point</source>
        <translation>决策点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="352"/>
        <source>Change decision point</source>
        <translation>更改决策点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="357"/>
        <source>Wait point</source>
        <translation>等待点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="360"/>
        <source>Change wait point</source>
        <translation>更改等待点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="364"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="367"/>
        <source>Change waiting time</source>
        <translation>更改等待时长</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="374"/>
        <source>Markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="376"/>
        <source>Kano category</source>
        <translation>卡诺类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="382"/>
        <source>Change Kano category</source>
        <translation>更改卡诺类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="385"/>
        <source>Severity (1–5)</source>
        <translation>严重程度（1–5）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="389"/>
        <source>Change severity</source>
        <translation>更改严重程度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="393"/>
        <source>Frequency (1–5)</source>
        <translation>发生频率（1–5）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="397"/>
        <source>Change frequency</source>
        <translation>更改发生频率</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="409"/>
        <source>NPS</source>
        <translation>NPS（净推荐值）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="410"/>
        <source>CSAT</source>
        <translation>CSAT（满意度）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="411"/>
        <source>CES</source>
        <translation>CES（费力度）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="412"/>
        <source>Sample size</source>
        <translation>样本量</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="421"/>
        <source>Links</source>
        <translation>连线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="429"/>
        <source>Remove link</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="495"/>
        <source>Change metrics</source>
        <translation>更改指标</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="520"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="527"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="539"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="550"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="521"/>
        <source>Edit stage description</source>
        <translation>编辑阶段描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="522"/>
        <source>Change stage colour</source>
        <translation>更改阶段颜色</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="523"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="555"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="528"/>
        <source>Edit step description</source>
        <translation>编辑步骤描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="529"/>
        <source>Emotions at this step (as-is)</source>
        <translation>此步骤的情绪（现状）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="544"/>
        <source>Change lane kind</source>
        <translation>更改泳道类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="546"/>
        <source>Edit lane description</source>
        <translation>编辑泳道描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="552"/>
        <source>Edit persona description</source>
        <translation>编辑用户画像描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="554"/>
        <source>Change persona colour</source>
        <translation>更改用户画像颜色</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="644"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="654"/>
        <source>{stages} stages, {steps} steps, {lanes} lanes, {cards} cards, {personas} personas</source>
        <translation>{stages} 个阶段，{steps} 个步骤，{lanes} 条泳道，{cards} 张卡片，{personas} 个用户画像</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/panels/inspector.py" line="664"/>
        <source>%n card(s) selected</source>
        <translation>
            <numerusform>已选中 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="673"/>
        <source>Card: {kind}</source>
        <translation>卡片：{kind}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="717"/>
        <source>Computed from the answer counts in the file</source>
        <translation>由文件中的答案分布计算得出</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="722"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="729"/>
        <source>Step in {stage}</source>
        <translation>步骤（属于“{stage}”）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="764"/>
        <source>Set emotion</source>
        <translation>设置情绪</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="770"/>
        <source>Lane</source>
        <translation>泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="777"/>
        <source>Persona</source>
        <translation>用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="431"/>
        <source>Link to…</source>
        <translation>链接到…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="432"/>
        <source>Link this card to another card</source>
        <translation>把这张卡片链接到另一张卡片</translation>
    </message>
</context>
<context>
    <name>JoinSessionDialog</name>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="227"/>
        <source>Join a live session</source>
        <translation>加入实时协作</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="227"/>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="232"/>
        <source>cxmap+ws://host:port/room#secret=…</source>
        <translation>cxmap+ws://主机:端口/房间#secret=…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="233"/>
        <source>Join &amp;link:</source>
        <translation>加入链接(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="241"/>
        <source>Paste the join link the host gave you.</source>
        <translation>请粘贴主持人发给你的加入链接。</translation>
    </message>
</context>
<context>
    <name>JourneyScene</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="630"/>
        <source>Persona %1</source>
        <extracomment>How much taller the emotion lane gets in the presentation mode (on top of the font scale). The selected card ids changed (list of ids, in map order). The current cell changed: (lane_id, step_id), or None. Everything was rebuilt (a structural change or a new presentation). A card&apos;s title editor opened (card id, or &quot;&quot; for a new card) / closed. A header&apos;s name is typed in place: (&quot;stage&quot; | &quot;step&quot; | &quot;lane&quot;, id); (&quot;&quot;, &quot;&quot;) when done. A stage, step or lane header was clicked: (&quot;stage&quot; | &quot;step&quot; | &quot;lane&quot;, id). Right click: (global QPoint, card id or &quot;&quot;, (lane_id, step_id) or None). The shell shows its context menu with the same actions as its menus. The link mode changed (``LinkMode`` value). Depth of the BSP index. Qt&apos;s own choice grows with the item count (13 for a 5,000-card map, 15 for 20,000): every moved item is re-inserted into every leaf its rect touches, and the leaves get small. A row that grows moves the rows below and re-indexes all their cards: 4.6 ms at depth 13 against 1.4 ms at 8 and 1.7 ms at 10 (5,000 cards), 24 ms at depth 15 against 3.7 ms at 10 (20,000 cards), while queries (a viewport&apos;s items, the items under the mouse) and full repaints at zoom 1, 0.5 and 0.1 took the same or less (medians of 12 repaints and 200 hit tests per depth, interleaved). 10 keeps hit tests at 20,000 cards as quick as Qt&apos;s depth (at 8 they were twice as slow, 0.09 against 0.05 ms). How long after a build the rows&apos; overviews start being built (``_prebuild_overviews``): later than the first paint, and than a zoom right after opening a map. Idle preparation (``_prepare_items``): how long a turn lasts, how long the person must have left the canvas alone before one starts, and how long it waits otherwise. Cards switched per idle step (``_settle_rows``): ~2 ms, a delay no one feels when a scroll or a key comes in meanwhile.</extracomment>
        <translation>用户画像 %1</translation>
    </message>
</context>
<context>
    <name>KanoPanel</name>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="93"/>
        <source>Standard table (Berger et al. 1993)</source>
        <extracomment>The person selected a feature or a ranked pain point: the window selects the card.</extracomment>
        <translation>标准评价表（Berger 等 1993）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="94"/>
        <source>Pouliot&apos;s modified table</source>
        <translation>Pouliot 修正评价表</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="95"/>
        <source>How an answer pair becomes a category</source>
        <translation>一对正反向回答如何归入类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="97"/>
        <source>Most frequent (ties M &gt; O &gt; A &gt; I)</source>
        <translation>出现最多的类别（并列时 M &gt; O &gt; A &gt; I）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="98"/>
        <source>A+O+M against I+R+Q</source>
        <translation>A+O+M 与 I+R+Q 比较</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="99"/>
        <source>How a feature&apos;s category is chosen from its counts</source>
        <translation>如何根据计数确定功能的类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="102"/>
        <source>&amp;Evaluation table:</source>
        <translation>评价表(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="102"/>
        <source>Category &amp;rule:</source>
        <translation>类别规则(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="103"/>
        <source>Import answers…</source>
        <translation>导入问卷答案…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="104"/>
        <source>Read Kano answers from a CSV or XLSX file (one undo step)</source>
        <translation>从 CSV 或 XLSX 文件读取卡诺问卷答案（一步撤销）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="123"/>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="506"/>
        <source>Recompute categories</source>
        <translation>重新计算类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="125"/>
        <source>Set each card&apos;s category from its answers under this method (one undo step)</source>
        <translation>按当前方法根据问卷答案设置每张卡片的类别（一步撤销）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="137"/>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="147"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="320"/>
        <source>No pain point or opportunity has Kano answers yet: import them from a CSV or XLSX file.</source>
        <translation>还没有痛点或机会点带有卡诺问卷答案：请从 CSV 或 XLSX 文件导入。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="322"/>
        <source>%1 feature(s) with answers.</source>
        <translation>%1 个功能有问卷答案。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="324"/>
        <source>↻ %1 category(ies) differ from the answers under this method.</source>
        <translation>↻ %1 个类别与当前方法下的问卷结果不同。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="326"/>
        <source>✎ %1 set by hand differ from the answers.</source>
        <translation>✎ %1 个手动设置的类别与问卷结果不同。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="354"/>
        <source>Select a pain point to see why it ranks where it does.</source>
        <translation>选择一个痛点，查看它排在此位置的原因。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="364"/>
        <source>customers take it for granted and are dissatisfied when it fails</source>
        <translation>顾客认为理所当然，做不好就会不满</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="365"/>
        <source>satisfaction rises and falls with how well it is done</source>
        <translation>满意度随做得好坏而升降</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="366"/>
        <source>fixing it delights, leaving it rarely dissatisfies</source>
        <translation>改进会带来惊喜，不改也很少引起不满</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="367"/>
        <source>customers say it makes little difference</source>
        <translation>顾客认为影响不大</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="368"/>
        <source>some customers prefer it absent</source>
        <translation>部分顾客宁愿没有它</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="369"/>
        <source>the answers contradict each other; check the question</source>
        <translation>回答相互矛盾，请检查问题本身</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="376"/>
        <source>Kano: no category yet — weight %1</source>
        <translation>卡诺：尚无类别 — 权重 %1</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="379"/>
        <source>Kano: %1: %2 — weight %3</source>
        <translation>卡诺：%1：%2 — 权重 %3</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="382"/>
        <source>Note: the answers point to %1, but the category was set by hand</source>
        <translation>注意：问卷结果指向 %1，但类别是手动设置的</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="385"/>
        <source>Worse: no survey answers, factor 1.0</source>
        <translation>Worse：没有问卷答案，系数 1.0</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="388"/>
        <source>Worse %1: %2 of %3 respondents with a clear answer (A/O/M/I) are dissatisfied when it is not fixed — factor %4</source>
        <translation>Worse %1：在 %3 位回答明确（A/O/M/I）的受访者中，有 %2 位在不改进时会不满 — 系数 %4</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="371"/>
        <source>%1 (not rated)</source>
        <translation>%1（未评分）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="394"/>
        <source>Severity %1 × frequency %2 = %3 of 25</source>
        <translation>严重程度 %1 × 发生频率 %2 = %3（满分 25）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="396"/>
        <source>Score %1 = 100 × weight × Worse factor × %2/25</source>
        <translation>得分 %1 = 100 × 权重 × Worse 系数 × %2/25</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="461"/>
        <source>Change the Kano method</source>
        <translation>更改卡诺分析方法</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="463"/>
        <source>Kano table: %1</source>
        <translation>卡诺评价表：%1</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="466"/>
        <source>Kano category rule: %1</source>
        <translation>卡诺类别规则：%1</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="507"/>
        <source>%1 card(s) have a category set by hand that differs from their answers.</source>
        <translation>%1 张卡片的类别是手动设置的，且与问卷结果不同。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="508"/>
        <source>Keep those categories, or overwrite them with the computed ones?</source>
        <translation>保留这些类别，还是用计算结果覆盖？</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="509"/>
        <source>Keep set by hand</source>
        <translation>保留手动设置</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="510"/>
        <source>Overwrite them too</source>
        <translation>一并覆盖</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="524"/>
        <source>Import Kano answers</source>
        <translation>导入卡诺问卷答案</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/panel.py" line="525"/>
        <source>Answer tables (*.csv *.xlsx *.xlsm);;All files (*)</source>
        <translation>答案表格 (*.csv *.xlsx *.xlsm);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>KanoTableModel</name>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="177"/>
        <source>Answers counted as %1</source>
        <extracomment>How a card&apos;s own category relates to the one its answers give under the map&apos;s method.</extracomment>
        <translation>归为 %1 的回答数</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="180"/>
        <source>Feature</source>
        <translation>功能</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="180"/>
        <source>The pain point or opportunity (card title)</source>
        <translation>痛点或机会点（卡片标题）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="181"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="181"/>
        <source>Number of respondents who answered</source>
        <translation>作答的受访者人数</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="183"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="183"/>
        <source>The category the answers give under the map&apos;s method</source>
        <translation>按地图所用方法由问卷答案得出的类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="184"/>
        <source>On the card</source>
        <translation>卡片上的类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="185"/>
        <source>The card&apos;s category; ✎ set by hand and different from the answers, ↻ out of date (Recompute updates it)</source>
        <translation>卡片的类别；✎ 手动设置且与问卷结果不同，↻ 已过时（“重新计算类别”会更新它）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="187"/>
        <source>Cat. strength %</source>
        <translation>类别强度 %</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="188"/>
        <source>% of the most frequent category minus % of the second (Lee &amp; Newcomb 1997)</source>
        <translation>最多类别的百分比减去第二多类别的百分比（Lee &amp; Newcomb 1997）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="189"/>
        <source>Total strength %</source>
        <translation>总强度 %</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="189"/>
        <source>% A + % O + % M (Lee &amp; Newcomb 1997)</source>
        <translation>% A + % O + % M（Lee &amp; Newcomb 1997）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="190"/>
        <source>Fong</source>
        <translation>Fong 检验</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="191"/>
        <source>Do the two most frequent categories differ significantly? (Fong 1996)</source>
        <translation>最多的两个类别是否有显著差异？（Fong 1996）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="192"/>
        <source>Better</source>
        <translation>Better</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="192"/>
        <source>(A + O) / (A + O + M + I)</source>
        <translation>(A + O) / (A + O + M + I)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="193"/>
        <source>Worse</source>
        <translation>Worse</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="193"/>
        <source>−(O + M) / (A + O + M + I)</source>
        <translation>−(O + M) / (A + O + M + I)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="194"/>
        <source>Functional mean</source>
        <translation>正向均值</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="195"/>
        <source>Mean functional score, −2 … 4 (DuMouchel)</source>
        <translation>正向问题平均得分，−2 … 4（DuMouchel）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="196"/>
        <source>Dysfunctional mean</source>
        <translation>反向均值</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="197"/>
        <source>Mean dysfunctional score, −2 … 4 (DuMouchel)</source>
        <translation>反向问题平均得分，−2 … 4（DuMouchel）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="198"/>
        <source>Importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="198"/>
        <source>Mean self-stated importance</source>
        <translation>自述重要性的平均值</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="244"/>
        <source>yes</source>
        <extracomment>Decimals of the columns shown as numbers with a fraction (the others are counts).</extracomment>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="244"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="263"/>
        <source>Pain point</source>
        <translation>痛点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="263"/>
        <source>Opportunity</source>
        <translation>机会点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="265"/>
        <source>%1 · id %2 · answers from %3</source>
        <translation>%1 · 编号 %2 · 答案来自 %3</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="268"/>
        <source>Set by hand to %1; the answers give %2. Recompute keeps it unless you choose to overwrite categories set by hand.</source>
        <translation>手动设置为 %1；问卷结果为 %2。重新计算时会保留它，除非您选择覆盖手动设置的类别。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="272"/>
        <source>The answers now give %1: Recompute categories updates the card.</source>
        <translation>问卷结果现在为 %1：“重新计算类别”会更新此卡片。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="275"/>
        <source>Computed from the answers</source>
        <translation>由问卷答案计算得出</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="275"/>
        <source>Set by hand</source>
        <translation>手动设置</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="278"/>
        <source>%1 vs %2: difference %3, needed %4</source>
        <translation>%1 与 %2：相差 %3，需要 %4</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="283"/>
        <source>Weighted by importance: %1</source>
        <translation>按重要性加权：%1</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/items/legend.py" line="31"/>
        <source>Personas:</source>
        <translation>用户画像：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items/legend.py" line="34"/>
        <source>Emotion curve:</source>
        <translation>情绪曲线：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items/legend.py" line="40"/>
        <source>Evidence:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items/legend.py" line="45"/>
        <source>Links:</source>
        <translation>连线：</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="252"/>
        <source>Join link</source>
        <translation>加入链接</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="255"/>
        <source>Send this link to the people who should edit this map with you:</source>
        <translation>把这个链接发给要和你一起编辑这张地图的人：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="263"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="279"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>LinkTargetDialog</name>
    <message>
        <location filename="../../cxmapper/ui/link_dialog.py" line="44"/>
        <source>Link to…</source>
        <translation>链接到…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/link_dialog.py" line="47"/>
        <source>Link “%1” to:</source>
        <translation>把“%1”链接到：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/link_dialog.py" line="47"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/link_dialog.py" line="51"/>
        <source>Type to find a card</source>
        <translation>输入文字查找卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/link_dialog.py" line="58"/>
        <source>Link kind</source>
        <translation>连线类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/link_dialog.py" line="62"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="219"/>
        <source>&lt;opened&gt;</source>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="220"/>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="222"/>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="224"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="244"/>
        <source>&amp;New Journey Map</source>
        <translation>新建旅程图(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="247"/>
        <source>New Service &amp;Blueprint</source>
        <translation>新建服务蓝图(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="249"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="253"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="256"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="257"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="258"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="260"/>
        <location filename="../../cxmapper/ui/mainwindow.py" line="511"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="264"/>
        <location filename="../../cxmapper/ui/mainwindow.py" line="512"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="261"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="119"/>
        <source>Autosave failed: {reason}</source>
        <translation>自动保存失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="228"/>
        <source>Kano</source>
        <translation>卡诺分析</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="245"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="250"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="254"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="265"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="270"/>
        <source>Add &amp;Card	N</source>
        <translation>添加卡片(&amp;C)	N</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="271"/>
        <source>Add a card to the selected cell and type its title</source>
        <translation>在选中的单元格中添加卡片并输入标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="273"/>
        <source>Add Card of &amp;Kind…	Shift+N</source>
        <translation>添加指定类型的卡片(&amp;K)…	Shift+N</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="274"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="275"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="276"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="278"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="279"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="281"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="283"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="284"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="286"/>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="288"/>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="291"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="292"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="294"/>
        <source>&amp;Fit to Window</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="294"/>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="296"/>
        <source>Actual &amp;Size</source>
        <translation>实际大小(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="298"/>
        <source>&amp;Workshop Mode</source>
        <translation>工作坊模式(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="299"/>
        <source>Full screen, one stage at a time; Esc leaves</source>
        <translation>全屏，逐个阶段展示；按 Esc 退出</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="299"/>
        <source>Workshop</source>
        <translation>工作坊</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="301"/>
        <source>&amp;About CX Mapper</source>
        <translation>关于 CX Mapper(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="303"/>
        <source>&amp;PDF Report…</source>
        <translation>PDF 报告(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="304"/>
        <source>P&amp;NG Picture…</source>
        <translation>PNG 图片(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="305"/>
        <source>&amp;SVG Picture…</source>
        <translation>SVG 图片(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="306"/>
        <source>Flat &amp;JSON…</source>
        <translation>扁平 JSON(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="307"/>
        <source>&amp;CSV Tables…</source>
        <translation>CSV 表格(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="308"/>
        <source>&amp;Mermaid Journey…</source>
        <translation>Mermaid 旅程图(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="312"/>
        <source>&amp;Web Page…</source>
        <translation>网页(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="309"/>
        <source>S&amp;lides…</source>
        <translation>幻灯片(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="314"/>
        <source>&amp;All Links</source>
        <translation>全部连线(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="315"/>
        <source>Links of the &amp;Selected Cards</source>
        <translation>仅选中卡片的连线(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="316"/>
        <source>&amp;No Links</source>
        <translation>不显示连线(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="323"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="326"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="331"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="338"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="345"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="349"/>
        <source>Emotion curves of</source>
        <translation>显示情绪曲线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="351"/>
        <source>&amp;Links</source>
        <translation>连线(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="361"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="365"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="369"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="385"/>
        <source>Zoom {percent} %</source>
        <translation>缩放 {percent} %</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="393"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="413"/>
        <location filename="../../cxmapper/ui/mainwindow.py" line="420"/>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="493"/>
        <source>Untitled map</source>
        <translation>未命名地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="511"/>
        <source>&amp;Undo {action}</source>
        <translation>撤销“{action}”(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="512"/>
        <source>&amp;Redo {action}</source>
        <translation>重做“{action}”(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="517"/>
        <source>{stages} stages · {steps} steps · {lanes} lanes · {cards} cards</source>
        <translation>{stages} 个阶段 · {steps} 个步骤 · {lanes} 条泳道 · {cards} 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="542"/>
        <source>Not changed: {reason}</source>
        <translation>未更改：{reason}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="575"/>
        <location filename="../../cxmapper/ui/mainwindow.py" line="583"/>
        <source>Click a cell of the map first</source>
        <translation>请先点击地图中的一个单元格</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="588"/>
        <source>Select cards to copy</source>
        <translation>请先选择要复制的卡片</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/mainwindow.py" line="591"/>
        <source>Copied %n card(s)</source>
        <translation>
            <numerusform>已复制 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="603"/>
        <source>The clipboard holds no cards</source>
        <translation>剪贴板中没有卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="609"/>
        <source>Cannot paste: {reason}</source>
        <translation>无法粘贴：{reason}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="699"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="700"/>
        <source>“{name}” has changes that are not saved. Save them first?</source>
        <translation>“{name}”有尚未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="717"/>
        <source>Open map</source>
        <translation>打开地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="717"/>
        <source>CX maps (*.cxmap);;All files (*)</source>
        <translation>CX 地图 (*.cxmap);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="726"/>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="772"/>
        <source>Cannot open map</source>
        <translation>无法打开地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="773"/>
        <source>The map could not be opened; nothing was changed.

{reason}</source>
        <translation>无法打开该地图；没有做任何更改。

{reason}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="778"/>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="788"/>
        <source>Save map as</source>
        <translation>地图另存为</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="788"/>
        <source>CX maps (*.cxmap)</source>
        <translation>CX 地图 (*.cxmap)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="813"/>
        <source>Cannot save map</source>
        <translation>无法保存地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="821"/>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="846"/>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="853"/>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="853"/>
        <source>{name} no longer exists.</source>
        <translation>{name} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="880"/>
        <source>File removed</source>
        <translation>文件已被移除</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="881"/>
        <source>{name} was removed or renamed by another program. Save to keep this map.</source>
        <translation>{name} 已被其他程序删除或重命名。请保存以保留此地图。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="889"/>
        <source>File changed on disk</source>
        <translation>磁盘上的文件已更改</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="891"/>
        <source>{name} was changed by another program. Reload it? Changes made here since the last save would be lost.</source>
        <translation>{name} 已被其他程序修改。要重新载入吗？自上次保存以来在此处所做的更改将会丢失。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="953"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="953"/>
        <source>The new language takes effect when CX Mapper starts again.</source>
        <translation>新的语言将在 CX Mapper 重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="960"/>
        <source>About CX Mapper</source>
        <translation>关于 CX Mapper</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="961"/>
        <source>CX Mapper: customer-journey maps and service blueprints, on your own machine.</source>
        <translation>CX Mapper：在你自己的电脑上绘制客户旅程图和服务蓝图。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="801"/>
        <source>{name} was changed by another program since it was opened or saved here. Replace it with this map?</source>
        <translation>{name} 在此处打开或保存之后已被其他程序修改。要用当前地图替换它吗？</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="809"/>
        <source>{name} is read-only. Replace it anyway?</source>
        <translation>{name} 是只读文件。仍要替换它吗？</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="830"/>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
</context>
<context>
    <name>NewLink</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="256"/>
        <source>Link kind</source>
        <extracomment>The modifier that turns a card drag into a new link.</extracomment>
        <translation>连线类型</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="103"/>
        <source>Add stage</source>
        <extracomment>Colours given to new personas in turn (distinct on a projector, colour-blind aware). (kind, id) of the item the person selected; kind in OUTLINE_KINDS.</extracomment>
        <translation>添加阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="105"/>
        <source>Add step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="107"/>
        <source>Add persona</source>
        <translation>添加用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="109"/>
        <source>Add lane</source>
        <translation>添加泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="113"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="115"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="117"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="119"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="123"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="159"/>
        <source>Stages</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="160"/>
        <source>Lanes</source>
        <translation>泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="161"/>
        <source>Personas</source>
        <translation>用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="206"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="334"/>
        <source>New stage</source>
        <translation>新阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="334"/>
        <location filename="../../cxmapper/ui/panels/outline.py" line="347"/>
        <source>New step</source>
        <translation>新步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="362"/>
        <source>Persona {number}</source>
        <translation>用户画像 {number}</translation>
    </message>
</context>
<context>
    <name>PdfOptionsDialog</name>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="174"/>
        <source>(unnamed lane)</source>
        <translation>（未命名泳道）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="175"/>
        <source>(unnamed persona)</source>
        <translation>（未命名用户画像）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="173"/>
        <source>(unnamed stage)</source>
        <translation>（未命名阶段）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="223"/>
        <source>Check at least one {what}.</source>
        <translation>请至少勾选一个{what}。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="194"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="150"/>
        <source>Fit the blueprint onto one page when its text stays readable</source>
        <translation>在文字仍可读时将蓝图缩放到一页</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="182"/>
        <source>Lanes in the blueprint</source>
        <translation>蓝图中的泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="159"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="146"/>
        <source>PDF report options</source>
        <translation>PDF 报告选项</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="157"/>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="183"/>
        <source>Personas</source>
        <translation>用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="184"/>
        <source>Sections</source>
        <translation>章节</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="181"/>
        <source>Stages in the blueprint</source>
        <translation>蓝图中的阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="221"/>
        <source>lane</source>
        <translation>泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="221"/>
        <source>section</source>
        <translation>章节</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="221"/>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="33"/>
        <source>Preferences</source>
        <extracomment>Each language in its own words.</extracomment>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="36"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="40"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="41"/>
        <source>A new language takes effect when CX Mapper starts again.</source>
        <translation>新的语言将在 CX Mapper 重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="46"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="48"/>
        <source>Autosave unsaved work every</source>
        <translation>自动保存未保存的工作，间隔</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="50"/>
        <source>Asked the first time you comment</source>
        <translation>第一次评论时会询问</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="51"/>
        <source>Your name on comments</source>
        <translation>评论署名</translation>
    </message>
</context>
<context>
    <name>PresenceList</name>
    <message>
        <location filename="../../cxmapper/ui/session_presence.py" line="89"/>
        <source>Click a person, or press Enter, to go to where they are on the map</source>
        <translation>点击某人或按 Enter，转到其在地图上的位置</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_presence.py" line="115"/>
        <source>Participant {id}</source>
        <translation>参与者 {id}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_presence.py" line="116"/>
        <source>{name} (you)</source>
        <translation>{name}（你）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_presence.py" line="123"/>
        <source>{text}
(click or Enter: go to where they are)</source>
        <translation>{text}
（点击或按 Enter：转到其所在位置）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_presence.py" line="127"/>
        <source>{name}: last seen before the connection was lost</source>
        <translation>{name}：连接中断前最后在场</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="310"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="310"/>
        <source>Rank: 1 = fix first</source>
        <translation>排名：1 = 最先改进</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="311"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="311"/>
        <source>100 × Kano weight × Worse factor × severity × frequency / 25</source>
        <translation>100 × 卡诺权重 × Worse 系数 × 严重程度 × 发生频率 / 25</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="312"/>
        <source>Pain point</source>
        <translation>痛点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="313"/>
        <source>Kano</source>
        <translation>卡诺类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="313"/>
        <source>The category on the card</source>
        <translation>卡片上的类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="314"/>
        <source>Worse</source>
        <translation>Worse</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="314"/>
        <source>From the card&apos;s survey answers under the map&apos;s method</source>
        <translation>按地图所用方法由该卡片的问卷答案得出</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="315"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="316"/>
        <source>Frequency</source>
        <translation>发生频率</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="317"/>
        <source>Why</source>
        <translation>计算</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="317"/>
        <source>Kano weight × Worse factor × severity × frequency / 25</source>
        <translation>卡诺权重 × Worse 系数 × 严重程度 × 发生频率 / 25</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/kano_panel/models.py" line="318"/>
        <source>Stage · step</source>
        <translation>阶段 · 步骤</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="48"/>
        <source>Recover unsaved work</source>
        <extracomment>Columns of the list.</extracomment>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="52"/>
        <source>CX Mapper was closed without saving these maps. Recover the checked ones? Unchecked ones are deleted.</source>
        <translation>CX Mapper 关闭时这些地图尚未保存。要恢复勾选的地图吗？未勾选的将被删除。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="65"/>
        <location filename="../../cxmapper/ui/recovery.py" line="90"/>
        <source>new map, never saved</source>
        <translation>新地图，从未保存</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="104"/>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="105"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="62"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="62"/>
        <source>Autosaved</source>
        <translation>自动保存于</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="62"/>
        <source>Edits</source>
        <translation>编辑数</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="62"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="68"/>
        <source>Untitled map</source>
        <translation>未命名地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="96"/>
        <source>These autosave files could not be read; they are left where they are:</source>
        <translation>以下自动保存文件无法读取，已原样保留：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="121"/>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="132"/>
        <source>unknown time</source>
        <translation>时间未知</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/recovery.py" line="135"/>
        <source>%n second(s) ago</source>
        <translation>
            <numerusform>%n 秒前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/recovery.py" line="137"/>
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/recovery.py" line="139"/>
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/recovery.py" line="141"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="208"/>
        <source>Cannot recover map</source>
        <translation>无法恢复地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/recovery.py" line="209"/>
        <source>{path}: {reason}
The file is kept.</source>
        <translation>{path}：{reason}
该文件已保留。</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="145"/>
        <source>Who is here</source>
        <translation>在场的人</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="163"/>
        <source>&amp;Share</source>
        <translation>共享(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="165"/>
        <source>&amp;Start Session…</source>
        <translation>开始协作(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="167"/>
        <source>&amp;Join Session…</source>
        <translation>加入协作(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="169"/>
        <source>Show Join &amp;Link…</source>
        <translation>显示加入链接(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="171"/>
        <location filename="../../cxmapper/ui/session.py" line="187"/>
        <source>&amp;Leave Session</source>
        <translation>离开协作(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="333"/>
        <location filename="../../cxmapper/ui/session.py" line="362"/>
        <source>This window is already in a session: leave it first.</source>
        <translation>此窗口已在协作中：请先离开。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="339"/>
        <source>Starting the session…</source>
        <translation>正在开始协作…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="367"/>
        <source>Joining the session…</source>
        <translation>正在加入协作…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="187"/>
        <source>&amp;End Session for Everyone…</source>
        <translation>为所有人结束会话(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="246"/>
        <source>This window is already in that session.</source>
        <translation>此窗口已在该会话中。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="403"/>
        <source>The room holds no map yet: it appears here when someone who has one joins.</source>
        <translation>这个会话里还没有地图：有地图的人加入后，地图会出现在这里。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="476"/>
        <location filename="../../cxmapper/ui/session.py" line="940"/>
        <source>End the session for everyone</source>
        <translation>为所有人结束会话</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/session.py" line="478"/>
        <source>End the live session for everyone? %n other participant(s) are told that the session has ended; each keeps their copy of the map as it is now. The map stays in this window.</source>
        <translation>
            <numerusform>要为所有人结束实时会话吗？其他 %n 位参与者会收到会话已结束的通知，各自保留地图此刻的副本。地图仍留在此窗口中。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="487"/>
        <source>&amp;End Session</source>
        <translation>结束会话(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="503"/>
        <source>Left the session: the map stays here.</source>
        <translation>已离开协作：地图保留在此窗口。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="503"/>
        <source>Session ended for everyone: the map stays here.</source>
        <translation>已为所有人结束会话：地图仍留在这里。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="608"/>
        <source>another participant</source>
        <translation>另一位参与者</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="623"/>
        <source>Merged with the others&apos; edits: {repairs}</source>
        <translation>已与他人的编辑合并：{repairs}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="687"/>
        <source>&amp;Undo {action}</source>
        <translation>撤销“{action}”(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="687"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="688"/>
        <source>&amp;Redo {action}</source>
        <translation>重做“{action}”(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="688"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/session.py" line="749"/>
        <source>Back online: %n edit(s) made offline were merged.</source>
        <translation>
            <numerusform>已重新连接：离线时的 %n 处编辑已合并。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="752"/>
        <source>Back online: the session can be reached again.</source>
        <translation>已恢复在线：会话重新可以连接。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="763"/>
        <source>The host ended the session for everyone. Your copy of the map stays in this window as it was: save it to keep it.</source>
        <translation>主持人已为所有人结束会话。你的地图副本按原样留在此窗口中：保存即可保留。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="774"/>
        <source>The session ended.</source>
        <translation>协作已结束。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="848"/>
        <source>Save a &amp;Copy…</source>
        <translation>另存副本(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="851"/>
        <source>Leave the Session</source>
        <translation>离开会话</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="854"/>
        <location filename="../../cxmapper/ui/session.py" line="900"/>
        <source>Try &amp;Now</source>
        <translation>立即重试(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="856"/>
        <source>Try to reach the session now instead of waiting for the next attempt</source>
        <translation>立即尝试连接会话，而不是等待下一次自动重试</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/session.py" line="878"/>
        <source>Live session · %n here</source>
        <translation>
            <numerusform>实时协作 · %n 人在场</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/session.py" line="884"/>
        <source>Host unreachable since {time} · %n edit(s) waiting</source>
        <translation>
            <numerusform>自 {time} 起无法连接主持人 · %n 项编辑待同步</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="886"/>
        <source>Host unreachable since {time}</source>
        <translation>自 {time} 起无法连接主持人</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="891"/>
        <source>The host cannot be reached since {time}. Your edits are kept here and merge when it is back (CX Mapper keeps trying): keep working, save a copy, or leave the session.</source>
        <translation>自 {time} 起无法连接主持人。你的编辑保留在这里，主持人恢复后会自动合并（CX Mapper 会一直重试）：可以继续工作、另存副本，或离开会话。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/session.py" line="895"/>
        <source>{sentence} %n edit(s) made here are waiting.</source>
        <translation>
            <numerusform>{sentence}这里有 %n 项编辑等待同步。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="898"/>
        <source>{sentence} Tried again at {time}: no answer.</source>
        <translation>{sentence}{time} 已重试：仍无响应。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="900"/>
        <source>Trying…</source>
        <translation>正在重试…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/session.py" line="904"/>
        <source>Offline: %n edit(s) waiting</source>
        <translation>
            <numerusform>离线：%n 处编辑等待同步</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="906"/>
        <source>Offline: nothing waiting to be sent</source>
        <translation>离线：没有等待同步的编辑</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="921"/>
        <source>The session refused a participant: {reason}</source>
        <translation>协作拒绝了一位参与者：{reason}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session.py" line="926"/>
        <source>Live session</source>
        <translation>实时协作</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/session.py" line="942"/>
        <source>Closing this window ends the live session for everyone: %n other participant(s) are told, and each keeps their copy of the map. Close it?</source>
        <translation>
            <numerusform>关闭此窗口会为所有人结束实时会话：其他 %n 位参与者会收到通知，各自保留地图副本。要关闭吗？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="82"/>
        <source>This link does not expire: anyone who has it can join while the session runs.</source>
        <translation>此链接不会过期：会话进行期间，持有链接的人都可以加入。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="93"/>
        <source>This link expired at {time}: anyone new is refused (those already in stay). End the session and start a new one for a new link.</source>
        <translation>此链接已于 {time} 过期：新加入的人会被拒绝（已在会话中的人不受影响）。结束会话并重新开始即可获得新链接。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="98"/>
        <source>This link admits people until {time}; after that it is refused (those already in stay).</source>
        <translation>此链接在 {time} 之前可以加入；之后将被拒绝（已在会话中的人不受影响）。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="145"/>
        <source>Your &amp;name:</source>
        <translation>你的名字(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="146"/>
        <source>Your &amp;colour:</source>
        <translation>你的颜色(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="158"/>
        <source>Enter your name: the others see it beside your colour.</source>
        <translation>请输入你的名字：其他人会在你的颜色旁看到它。</translation>
    </message>
</context>
<context>
    <name>SessionFollow</name>
    <message>
        <location filename="../../cxmapper/ui/session_follow.py" line="41"/>
        <source>{name} is {doing}: not a place on the canvas.</source>
        <translation>{name}{doing}，画布上没有对应的位置。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_follow.py" line="43"/>
        <source>{name} has nothing selected and is not typing.</source>
        <translation>{name}没有选中任何内容，也没有在输入。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_follow.py" line="47"/>
        <source>Showing where {name} is.</source>
        <translation>已转到{name}所在的位置。</translation>
    </message>
</context>
<context>
    <name>SessionTyping</name>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="100"/>
        <source>typing a comment on the map</source>
        <translation>正在评论地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="105"/>
        <source>typing a comment on {place}</source>
        <translation>正在评论{place}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="107"/>
        <source>typing the metrics of {place}</source>
        <translation>正在输入{place}的指标</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="109"/>
        <source>rating the severity of {place}</source>
        <translation>正在评定{place}的严重度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="111"/>
        <source>rating the frequency of {place}</source>
        <translation>正在评定{place}的频率</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="112"/>
        <source>typing in {place}</source>
        <translation>正在输入：{place}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="123"/>
        <source>Persona {n}</source>
        <translation>用户画像 {n}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="126"/>
        <source>setting {persona}’s to-be score at {step}</source>
        <translation>正在设置{persona}在“{step}”的期望情绪分</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="127"/>
        <source>setting {persona}’s score at {step}</source>
        <translation>正在设置{persona}在“{step}”的情绪分</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="137"/>
        <source>card “{title}”</source>
        <translation>卡片“{title}”</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="139"/>
        <source>a new card</source>
        <translation>新卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="142"/>
        <source>step “{name}”</source>
        <translation>步骤“{name}”</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="145"/>
        <source>stage “{name}”</source>
        <translation>阶段“{name}”</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="148"/>
        <source>lane “{name}”</source>
        <translation>泳道“{name}”</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="151"/>
        <source>persona “{name}”</source>
        <translation>用户画像“{name}”</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_typing.py" line="153"/>
        <source>the map’s details</source>
        <translation>地图信息</translation>
    </message>
</context>
<context>
    <name>SessionWords</name>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="24"/>
        <source>The join link has no secret: ask the host for the full link.</source>
        <translation>加入链接中没有密钥：请向主持人索取完整链接。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="25"/>
        <source>The session refused the secret in this join link: ask the host for a new link.</source>
        <translation>会话拒绝了此加入链接中的密钥：请向主持人索取新链接。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="26"/>
        <source>This session has expired: ask the host to start a new one.</source>
        <translation>此会话已过期：请主持人重新开始一个会话。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="27"/>
        <source>The join link names no valid room.</source>
        <translation>加入链接中没有有效的房间。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="28"/>
        <source>The server refused an update from this copy of the map as malformed.</source>
        <translation>服务器认为此地图副本发送的更新格式错误，已拒绝。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="29"/>
        <source>The shared map has reached the server&apos;s size limit.</source>
        <translation>共享地图已达到服务器的大小上限。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="30"/>
        <source>Too many changes were sent too quickly; the server disconnected you.</source>
        <translation>发送更改过快过多；服务器已断开你的连接。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="31"/>
        <source>A change was larger than the server accepts in one message.</source>
        <translation>某项更改超过了服务器单条消息允许的大小。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="32"/>
        <source>This copy of the map stopped keeping up with the session and was disconnected.</source>
        <translation>此地图副本跟不上会话的进度，已被断开。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="33"/>
        <source>The session&apos;s server stopped.</source>
        <translation>会话的服务器已停止。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="42"/>
        <source>Could not reach the session at {where} within {seconds} s.</source>
        <translation>{seconds} 秒内无法连接到位于 {where} 的会话。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="44"/>
        <source>This is not a join link: {detail}</source>
        <translation>这不是加入链接：{detail}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="47"/>
        <source>Could not start the session on {where}: {detail}</source>
        <translation>无法在 {where} 上开始会话：{detail}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="49"/>
        <source>Could not start the session: {detail}</source>
        <translation>无法开始会话：{detail}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="52"/>
        <source>The session did not receive this map within {seconds} s.</source>
        <translation>会话在 {seconds} 秒内未收到此地图。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="54"/>
        <source>The server closed the session: {detail}.</source>
        <translation>服务器关闭了会话：{detail}。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_words.py" line="55"/>
        <source>The connection to the session closed (code {code}).</source>
        <translation>与会话的连接已关闭（代码 {code}）。</translation>
    </message>
</context>
<context>
    <name>StartSessionDialog</name>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="178"/>
        <source>Start a live session</source>
        <translation>开始实时协作</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="178"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="183"/>
        <source>This computer only (127.0.0.1)</source>
        <translation>仅本机 (127.0.0.1)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="185"/>
        <source>The network of {address}</source>
        <translation>{address} 所在的网络</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="189"/>
        <source>Never</source>
        <translation>永不</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="190"/>
        <source>In 1 hour</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="191"/>
        <source>In 8 hours</source>
        <translation>8 小时后</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="192"/>
        <source>In 24 hours</source>
        <translation>24 小时后</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="193"/>
        <source>In 7 days</source>
        <translation>7 天后</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="199"/>
        <source>&amp;Reachable from:</source>
        <translation>可访问范围(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="200"/>
        <source>Link &amp;expires:</source>
        <translation>链接过期(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/session_dialogs.py" line="203"/>
        <source>Others join with the link shown next; it carries a secret. Keep it in the team. An expired link is refused; those already in stay.</source>
        <translation>其他人通过接下来显示的链接加入；链接包含密钥，请只在团队内分享。过期的链接会被拒绝；已在会话中的人不受影响。</translation>
    </message>
</context>
<context>
    <name>UndoOffer</name>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="175"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/edit_actions.py" line="202"/>
        <source>%1 — Undo (%2) brings them back</source>
        <translation>%1 — 撤销（%2）可以恢复</translation>
    </message>
</context>
<context>
    <name>WebPageExport</name>
    <message>
        <location filename="../../cxmapper/ui/web_page_export.py" line="34"/>
        <source>Export web page</source>
        <translation>导出网页</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/web_page_export.py" line="36"/>
        <source>Web page (*.html *.htm)</source>
        <translation>网页 (*.html *.htm)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/web_page_export.py" line="51"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/web_page_export.py" line="52"/>
        <source>Could not write the web page to
{path}

{reason}</source>
        <translation>无法将网页写入
{path}

{reason}</translation>
    </message>
</context>
<context>
    <name>WorkshopMode</name>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="300"/>
        <source>All stages</source>
        <extracomment>The least zoom a stage is shown at: above the level where cards lose their text (``CARD_DETAIL_LOD``, 0.4), with room to spare. Pixels kept free between the map and the hint box, and around the hint.</extracomment>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="302"/>
        <source>Stage {number} of {count}: {name}</source>
        <translation>阶段 {number}/{count}：{name}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="306"/>
        <source>all lanes</source>
        <translation>全部泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="307"/>
        <source>customer view</source>
        <translation>顾客视角</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="308"/>
        <source>emotion curve</source>
        <translation>情绪曲线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="310"/>
        <source>←/→ stage · Home all · C customer view · E emotion curve · A all lanes · H hide this · Esc leave</source>
        <translation>←/→ 切换阶段 · Home 全部 · C 顾客视角 · E 情绪曲线 · A 全部泳道 · H 隐藏本提示 · Esc 退出</translation>
    </message>
</context>
<context>
    <name>_ColorButton</name>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="93"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="100"/>
        <source>Default colour</source>
        <translation>默认颜色</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="104"/>
        <source>Choose a colour</source>
        <translation>选择颜色</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="34"/>
        <location filename="../../cxmapper/ui/names.py" line="51"/>
        <source>Customer actions</source>
        <translation>顾客行为</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="35"/>
        <source>Touchpoints</source>
        <translation>触点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="36"/>
        <source>Thoughts</source>
        <translation>想法</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="37"/>
        <source>Emotions</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="38"/>
        <source>Pain points</source>
        <translation>痛点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="39"/>
        <source>Opportunities</source>
        <translation>机会点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="40"/>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="41"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="42"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="43"/>
        <location filename="../../cxmapper/ui/names.py" line="59"/>
        <source>Physical evidence</source>
        <translation>有形展示</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="44"/>
        <source>Frontstage</source>
        <translation>前台</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="45"/>
        <source>Backstage</source>
        <translation>后台</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="46"/>
        <source>Support processes</source>
        <translation>支持流程</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="57"/>
        <location filename="../../cxmapper/ui/names.py" line="69"/>
        <source>Touchpoint</source>
        <translation>触点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="58"/>
        <source>Action</source>
        <translation>行为</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="60"/>
        <source>Process</source>
        <translation>流程</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="61"/>
        <source>Pain point</source>
        <translation>痛点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="62"/>
        <source>Opportunity</source>
        <translation>机会点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="63"/>
        <source>Thought</source>
        <translation>想法</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="64"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="75"/>
        <location filename="../../cxmapper/ui/names.py" line="85"/>
        <source>Must-be</source>
        <translation>基本型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="76"/>
        <source>One-dimensional</source>
        <translation>期望型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="77"/>
        <source>Attractive</source>
        <translation>兴奋型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="78"/>
        <source>Indifferent</source>
        <translation>无差异型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="79"/>
        <source>Reverse</source>
        <translation>反向型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="80"/>
        <source>Questionable</source>
        <translation>可疑型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="91"/>
        <location filename="../../cxmapper/ui/names.py" line="103"/>
        <source>Web</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="92"/>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="93"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="94"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="95"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="96"/>
        <source>Chat</source>
        <translation>在线聊天</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="97"/>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="98"/>
        <source>Other channel</source>
        <translation>其他渠道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="109"/>
        <location filename="../../cxmapper/ui/names.py" line="116"/>
        <source>Observed</source>
        <translation>已观察</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="110"/>
        <source>Assumed</source>
        <translation>推测</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="111"/>
        <source>Proposed</source>
        <translation>提议</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="122"/>
        <location filename="../../cxmapper/ui/names.py" line="130"/>
        <source>Flow</source>
        <translation>流转</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="123"/>
        <source>Supports</source>
        <translation>支持</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="124"/>
        <source>Causes</source>
        <translation>导致</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="125"/>
        <source>Addresses</source>
        <translation>解决</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="136"/>
        <location filename="../../cxmapper/ui/names.py" line="145"/>
        <source>Line of interaction</source>
        <translation>互动分界线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="137"/>
        <source>Line of visibility</source>
        <translation>可视分界线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="138"/>
        <source>Line of internal interaction</source>
        <translation>内部互动分界线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="151"/>
        <location filename="../../cxmapper/ui/names.py" line="157"/>
        <source>As-is</source>
        <translation>现状</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="152"/>
        <source>To-be</source>
        <translation>未来</translation>
    </message>
</context>
</TS>
