<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CardItem</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/items.py" line="78"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items.py" line="80"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items.py" line="81"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>DragEmotionPoint</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="333"/>
        <source>Change emotion</source>
        <translation>更改情绪</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="48"/>
        <source>PDF report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="48"/>
        <source>PDF report (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="49"/>
        <source>PNG picture</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="49"/>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="50"/>
        <source>SVG picture</source>
        <translation>SVG 图片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="50"/>
        <source>SVG picture (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="51"/>
        <source>flat JSON</source>
        <translation>扁平 JSON</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="51"/>
        <source>Flat JSON (*.json)</source>
        <translation>扁平 JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="52"/>
        <source>CSV tables</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="53"/>
        <source>Mermaid journey</source>
        <translation>Mermaid 旅程图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="53"/>
        <source>Mermaid journey (*.mmd *.md *.txt)</source>
        <translation>Mermaid 旅程图 (*.mmd *.md *.txt)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="81"/>
        <location filename="../../cxmapper/ui/export_dialog.py" line="150"/>
        <source>Export {what}</source>
        <translation>导出{what}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="151"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="195"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/export_dialog.py" line="196"/>
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
        <location filename="../../cxmapper/ui/find.py" line="58"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="60"/>
        <source>Words in a card&apos;s title, description or tags</source>
        <translation>卡片标题、描述或标签中的词</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="69"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="73"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="77"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="131"/>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/find.py" line="133"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/find.py" line="135"/>
        <source>{current} of {total}</source>
        <translation>第 {current} 个，共 {total} 个</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="224"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="285"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="224"/>
        <source>Edit map title</source>
        <translation>编辑地图标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="225"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="286"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="477"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="484"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="502"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="508"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="225"/>
        <source>Edit map description</source>
        <translation>编辑地图描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="228"/>
        <source>Edit authors</source>
        <translation>编辑作者</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="230"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="241"/>
        <source>Emotion scale</source>
        <translation>情绪刻度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="245"/>
        <source>Kano table</source>
        <translation>卡诺评价表</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="246"/>
        <source>Standard (Berger et al.)</source>
        <translation>标准表（Berger 等）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="247"/>
        <source>Pouliot</source>
        <translation>Pouliot 表</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="249"/>
        <source>Kano category from</source>
        <translation>卡诺类别依据</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="250"/>
        <source>Most frequent answer</source>
        <translation>出现最多的类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="251"/>
        <source>A+O+M against I+R+Q</source>
        <translation>A+O+M 对比 I+R+Q</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="253"/>
        <source>CSAT is</source>
        <translation>CSAT 口径</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="254"/>
        <source>Share of 4 and 5, in %</source>
        <translation>4 分和 5 分占比（%）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="255"/>
        <source>Mean on 1–5</source>
        <translation>1–5 分平均值</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="257"/>
        <source>CES is</source>
        <translation>CES 口径</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="258"/>
        <source>Mean on 1–7</source>
        <translation>1–7 分平均值</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="259"/>
        <source>Share of 5–7, in %</source>
        <translation>5–7 分占比（%）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="265"/>
        <source>Change analysis settings</source>
        <translation>更改分析设置</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="275"/>
        <source>Change emotion scale</source>
        <translation>更改情绪刻度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="281"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="498"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="283"/>
        <source>Change card kind</source>
        <translation>更改卡片类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="285"/>
        <source>Edit card title</source>
        <translation>编辑卡片标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="286"/>
        <source>Edit card description</source>
        <translation>编辑卡片描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="287"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="287"/>
        <source>Edit card owner</source>
        <translation>编辑卡片负责人</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="289"/>
        <source>comma-separated</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="291"/>
        <source>Edit card tags</source>
        <translation>编辑卡片标签</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="293"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="296"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="462"/>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="298"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="460"/>
        <source>Change evidence</source>
        <translation>更改依据</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="300"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="305"/>
        <source>Change channel</source>
        <translation>更改渠道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="311"/>
        <source>Fail point</source>
        <translation>失败点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="312"/>
        <source>Change fail point</source>
        <translation>更改失败点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="313"/>
        <source>Decision point</source>
        <translation>决策点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="315"/>
        <source>Change decision point</source>
        <translation>更改决策点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="320"/>
        <source>Wait point</source>
        <translation>等待点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="323"/>
        <source>Change wait point</source>
        <translation>更改等待点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="327"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="330"/>
        <source>Change waiting time</source>
        <translation>更改等待时长</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="337"/>
        <source>Markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="339"/>
        <source>Kano category</source>
        <translation>卡诺类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="345"/>
        <source>Change Kano category</source>
        <translation>更改卡诺类别</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="348"/>
        <source>Severity (1–5)</source>
        <translation>严重程度（1–5）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="352"/>
        <source>Change severity</source>
        <translation>更改严重程度</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="356"/>
        <source>Frequency (1–5)</source>
        <translation>发生频率（1–5）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="360"/>
        <source>Change frequency</source>
        <translation>更改发生频率</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="370"/>
        <source>NPS</source>
        <translation>NPS（净推荐值）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="371"/>
        <source>CSAT</source>
        <translation>CSAT（满意度）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="372"/>
        <source>CES</source>
        <translation>CES（费力度）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="373"/>
        <source>Sample size</source>
        <translation>样本量</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="381"/>
        <source>Links</source>
        <translation>连线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="389"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="415"/>
        <source>Remove link</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="409"/>
        <source>Change link kind</source>
        <translation>更改连线类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="451"/>
        <source>Change metrics</source>
        <translation>更改指标</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="476"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="483"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="495"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="506"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="476"/>
        <source>Rename stage</source>
        <translation>重命名阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="477"/>
        <source>Edit stage description</source>
        <translation>编辑阶段描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="478"/>
        <source>Change stage colour</source>
        <translation>更改阶段颜色</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="479"/>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="511"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="483"/>
        <source>Rename step</source>
        <translation>重命名步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="484"/>
        <source>Edit step description</source>
        <translation>编辑步骤描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="485"/>
        <source>Emotions at this step (as-is)</source>
        <translation>此步骤的情绪（现状）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="495"/>
        <source>Rename lane</source>
        <translation>重命名泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="500"/>
        <source>Change lane kind</source>
        <translation>更改泳道类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="502"/>
        <source>Edit lane description</source>
        <translation>编辑泳道描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="506"/>
        <source>Rename persona</source>
        <translation>重命名用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="508"/>
        <source>Edit persona description</source>
        <translation>编辑用户画像描述</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="510"/>
        <source>Change persona colour</source>
        <translation>更改用户画像颜色</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="577"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="587"/>
        <source>{stages} stages, {steps} steps, {lanes} lanes, {cards} cards, {personas} personas</source>
        <translation>{stages} 个阶段，{steps} 个步骤，{lanes} 条泳道，{cards} 张卡片，{personas} 个用户画像</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/panels/inspector.py" line="597"/>
        <source>%n card(s) selected</source>
        <translation>
            <numerusform>已选中 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="606"/>
        <source>Card: {kind}</source>
        <translation>卡片：{kind}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="650"/>
        <source>Computed from the answer counts in the file</source>
        <translation>由文件中的答案分布计算得出</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="655"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="662"/>
        <source>Step in {stage}</source>
        <translation>步骤（属于“{stage}”）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="697"/>
        <source>Set emotion</source>
        <translation>设置情绪</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="703"/>
        <source>Lane</source>
        <translation>泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="710"/>
        <source>Persona</source>
        <translation>用户画像</translation>
    </message>
</context>
<context>
    <name>JourneyScene</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="537"/>
        <source>Persona %1</source>
        <extracomment>How much taller the emotion lane gets in the presentation mode (on top of the font scale). The selected card ids changed (list of ids, in map order). The current cell changed: (lane_id, step_id), or None. An edit was refused by the editor; the message says why (for the status bar). Everything was rebuilt (a structural change or a new presentation). A card&apos;s title editor opened (card id, or &quot;&quot; for a new card) / closed. A stage, step or lane header was clicked: (&quot;stage&quot; | &quot;step&quot; | &quot;lane&quot;, id). Right click: (global QPoint, card id or &quot;&quot;, (lane_id, step_id) or None). The shell shows its context menu with the same actions as its menus. The link mode changed (``LinkMode`` value).</extracomment>
        <translation>用户画像 %1</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="972"/>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="978"/>
        <source>Edit card title</source>
        <translation>编辑卡片标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="991"/>
        <source>Move card</source>
        <translation>移动卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="993"/>
        <source>Move %1 cards</source>
        <translation>移动 %1 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="1001"/>
        <source>Delete card</source>
        <translation>删除卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="1003"/>
        <source>Delete %1 cards</source>
        <translation>删除 %1 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/scene.py" line="1195"/>
        <source>Add emotion point</source>
        <translation>添加情绪点</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/items.py" line="1017"/>
        <source>Personas:</source>
        <translation>用户画像：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items.py" line="1020"/>
        <source>Emotion curve:</source>
        <translation>情绪曲线：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items.py" line="1026"/>
        <source>Evidence:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/items.py" line="1031"/>
        <source>Links:</source>
        <translation>连线：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="170"/>
        <source>&lt;opened&gt;</source>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="171"/>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="173"/>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="175"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="188"/>
        <source>&amp;New Journey Map</source>
        <translation>新建旅程图(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="191"/>
        <source>New Service &amp;Blueprint</source>
        <translation>新建服务蓝图(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="193"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="197"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="200"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="201"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="202"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="204"/>
        <location filename="../../cxmapper/ui/mainwindow.py" line="391"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="208"/>
        <location filename="../../cxmapper/ui/mainwindow.py" line="392"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="205"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="101"/>
        <source>Autosave failed: {reason}</source>
        <translation>自动保存失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="189"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="194"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="198"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="209"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="214"/>
        <source>Add &amp;Card	N</source>
        <translation>添加卡片(&amp;C)	N</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="215"/>
        <source>Add a card to the selected cell and type its title</source>
        <translation>在选中的单元格中添加卡片并输入标题</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="217"/>
        <source>Add Card of &amp;Kind…	Shift+N</source>
        <translation>添加指定类型的卡片(&amp;K)…	Shift+N</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="218"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="219"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="220"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="222"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="223"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="225"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="227"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="228"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="230"/>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="231"/>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="232"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="233"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="235"/>
        <source>&amp;Fit to Window</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="235"/>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="237"/>
        <source>Actual &amp;Size</source>
        <translation>实际大小(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="239"/>
        <source>&amp;Workshop Mode</source>
        <translation>工作坊模式(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="240"/>
        <source>Full screen, one stage at a time; Esc leaves</source>
        <translation>全屏，逐个阶段展示；按 Esc 退出</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="240"/>
        <source>Workshop</source>
        <translation>工作坊</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="242"/>
        <source>&amp;About CX Mapper</source>
        <translation>关于 CX Mapper(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="247"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="250"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="259"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="265"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="269"/>
        <source>Emotion curves of</source>
        <translation>显示情绪曲线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="271"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="274"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="278"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="293"/>
        <source>Zoom {percent} %</source>
        <translation>缩放 {percent} %</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="301"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="373"/>
        <source>Untitled map</source>
        <translation>未命名地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="391"/>
        <source>&amp;Undo {action}</source>
        <translation>撤销“{action}”(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="392"/>
        <source>&amp;Redo {action}</source>
        <translation>重做“{action}”(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="397"/>
        <source>{stages} stages · {steps} steps · {lanes} lanes · {cards} cards</source>
        <translation>{stages} 个阶段 · {steps} 个步骤 · {lanes} 条泳道 · {cards} 张卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="421"/>
        <source>Not changed: {reason}</source>
        <translation>未更改：{reason}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="451"/>
        <location filename="../../cxmapper/ui/mainwindow.py" line="459"/>
        <source>Click a cell of the map first</source>
        <translation>请先点击地图中的一个单元格</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="464"/>
        <source>Select cards to copy</source>
        <translation>请先选择要复制的卡片</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/mainwindow.py" line="467"/>
        <source>Copied %n card(s)</source>
        <translation>
            <numerusform>已复制 %n 张卡片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/mainwindow.py" line="474"/>
        <source>Cut %n card(s)</source>
        <translation>
            <numerusform>剪切 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="479"/>
        <source>The clipboard holds no cards</source>
        <translation>剪贴板中没有卡片</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="485"/>
        <source>Cannot paste: {reason}</source>
        <translation>无法粘贴：{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/mainwindow.py" line="488"/>
        <source>Paste %n card(s)</source>
        <translation>
            <numerusform>粘贴 %n 张卡片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cxmapper/ui/mainwindow.py" line="501"/>
        <source>Delete %n card(s)</source>
        <translation>
            <numerusform>删除 %n 张卡片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="558"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="559"/>
        <source>“{name}” has changes that are not saved. Save them first?</source>
        <translation>“{name}”有尚未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="576"/>
        <source>Open map</source>
        <translation>打开地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="576"/>
        <source>CX maps (*.cxmap);;All files (*)</source>
        <translation>CX 地图 (*.cxmap);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="590"/>
        <source>Cannot open map</source>
        <translation>无法打开地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="591"/>
        <source>The map could not be opened; nothing was changed.

{reason}</source>
        <translation>无法打开该地图；没有做任何更改。

{reason}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="596"/>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="607"/>
        <source>Save map as</source>
        <translation>地图另存为</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="607"/>
        <source>CX maps (*.cxmap)</source>
        <translation>CX 地图 (*.cxmap)</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="622"/>
        <source>Cannot save map</source>
        <translation>无法保存地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="630"/>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="642"/>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="649"/>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="649"/>
        <source>{name} no longer exists.</source>
        <translation>{name} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="676"/>
        <source>File removed</source>
        <translation>文件已被移除</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="677"/>
        <source>{name} was removed or renamed by another program. Save to keep this map.</source>
        <translation>{name} 已被其他程序删除或重命名。请保存以保留此地图。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="685"/>
        <source>File changed on disk</source>
        <translation>磁盘上的文件已更改</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="687"/>
        <source>{name} was changed by another program. Reload it? Changes made here since the last save would be lost.</source>
        <translation>{name} 已被其他程序修改。要重新载入吗？自上次保存以来在此处所做的更改将会丢失。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="743"/>
        <source>Cannot recover map</source>
        <translation>无法恢复地图</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="767"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="767"/>
        <source>The new language takes effect when CX Mapper starts again.</source>
        <translation>新的语言将在 CX Mapper 重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="774"/>
        <source>About CX Mapper</source>
        <translation>关于 CX Mapper</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/mainwindow.py" line="775"/>
        <source>CX Mapper: customer-journey maps and service blueprints, on your own machine.</source>
        <translation>CX Mapper：在你自己的电脑上绘制客户旅程图和服务蓝图。</translation>
    </message>
</context>
<context>
    <name>MoveHeader</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="629"/>
        <source>Move lane</source>
        <translation>移动泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="631"/>
        <source>Move stage</source>
        <translation>移动阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="633"/>
        <source>Move step</source>
        <translation>移动步骤</translation>
    </message>
</context>
<context>
    <name>NewLink</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="263"/>
        <source>Link kind</source>
        <extracomment>The modifier that turns a card drag into a new link.</extracomment>
        <translation>连线类型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="272"/>
        <source>Add %1 link</source>
        <translation>添加“%1”连线</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="94"/>
        <location filename="../../cxmapper/ui/panels/outline.py" line="313"/>
        <source>Add stage</source>
        <extracomment>Colours given to new personas in turn (distinct on a projector, colour-blind aware). (kind, id) of the item the person selected; kind in OUTLINE_KINDS.</extracomment>
        <translation>添加阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="96"/>
        <location filename="../../cxmapper/ui/panels/outline.py" line="327"/>
        <source>Add step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="98"/>
        <location filename="../../cxmapper/ui/panels/outline.py" line="342"/>
        <source>Add persona</source>
        <translation>添加用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="100"/>
        <location filename="../../cxmapper/ui/panels/outline.py" line="335"/>
        <source>Add lane</source>
        <translation>添加泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="104"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="106"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="108"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="110"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="114"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="150"/>
        <source>Stages</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="151"/>
        <source>Lanes</source>
        <translation>泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="152"/>
        <source>Personas</source>
        <translation>用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="197"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="280"/>
        <source>Rename stage</source>
        <translation>重命名阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="281"/>
        <source>Rename step</source>
        <translation>重命名步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="282"/>
        <source>Rename lane</source>
        <translation>重命名泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="283"/>
        <source>Rename persona</source>
        <translation>重命名用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="311"/>
        <source>New stage</source>
        <translation>新阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="311"/>
        <location filename="../../cxmapper/ui/panels/outline.py" line="326"/>
        <source>New step</source>
        <translation>新步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="341"/>
        <source>Persona {number}</source>
        <translation>用户画像 {number}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="350"/>
        <source>Remove stage</source>
        <translation>移除阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="351"/>
        <source>Remove step</source>
        <translation>移除步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="352"/>
        <source>Remove lane</source>
        <translation>移除泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="353"/>
        <source>Remove persona</source>
        <translation>移除用户画像</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="382"/>
        <source>Move stage</source>
        <translation>移动阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="383"/>
        <source>Move step</source>
        <translation>移动步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="384"/>
        <source>Move lane</source>
        <translation>移动泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/outline.py" line="385"/>
        <source>Move persona</source>
        <translation>移动用户画像</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="38"/>
        <source>Preferences</source>
        <extracomment>Each language in its own words.</extracomment>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="41"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="45"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="46"/>
        <source>A new language takes effect when CX Mapper starts again.</source>
        <translation>新的语言将在 CX Mapper 重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="51"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="53"/>
        <source>Autosave unsaved work every</source>
        <translation>自动保存未保存的工作，间隔</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="75"/>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="79"/>
        <source>CX Mapper was closed without saving these maps. Recover the checked ones? Unchecked ones are deleted.</source>
        <translation>CX Mapper 关闭时这些地图尚未保存。要恢复勾选的地图吗？未勾选的将被删除。</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="89"/>
        <source>new map, never saved</source>
        <translation>新地图，从未保存</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="97"/>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/dialogs.py" line="98"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>RenameHeader</name>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="528"/>
        <source>Rename stage</source>
        <translation>重命名阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="530"/>
        <source>Rename step</source>
        <translation>重命名步骤</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/canvas/interactions.py" line="532"/>
        <source>Rename lane</source>
        <translation>重命名泳道</translation>
    </message>
</context>
<context>
    <name>WorkshopMode</name>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="185"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="187"/>
        <source>Stage {number} of {count}: {name}</source>
        <translation>阶段 {number}/{count}：{name}</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="191"/>
        <source>all lanes</source>
        <translation>全部泳道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="192"/>
        <source>customer view</source>
        <translation>顾客视角</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="193"/>
        <source>emotion curve</source>
        <translation>情绪曲线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/presentation.py" line="195"/>
        <source>←/→ stage · Home all · C customer view · E emotion curve · A all lanes · Esc leave</source>
        <translation>←/→ 切换阶段 · Home 全部 · C 顾客视角 · E 情绪曲线 · A 全部泳道 · Esc 退出</translation>
    </message>
</context>
<context>
    <name>_ColorButton</name>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="90"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="97"/>
        <source>Default colour</source>
        <translation>默认颜色</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/panels/inspector.py" line="101"/>
        <source>Choose a colour</source>
        <translation>选择颜色</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="27"/>
        <source>Customer actions</source>
        <translation>顾客行为</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="28"/>
        <source>Touchpoints</source>
        <translation>触点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="29"/>
        <source>Thoughts</source>
        <translation>想法</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="30"/>
        <source>Emotions</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="31"/>
        <source>Pain points</source>
        <translation>痛点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="32"/>
        <source>Opportunities</source>
        <translation>机会点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="33"/>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="34"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="35"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="36"/>
        <location filename="../../cxmapper/ui/names.py" line="48"/>
        <source>Physical evidence</source>
        <translation>有形展示</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="37"/>
        <source>Frontstage</source>
        <translation>前台</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="38"/>
        <source>Backstage</source>
        <translation>后台</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="39"/>
        <source>Support processes</source>
        <translation>支持流程</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="46"/>
        <source>Touchpoint</source>
        <translation>触点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="47"/>
        <source>Action</source>
        <translation>行为</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="49"/>
        <source>Process</source>
        <translation>流程</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="50"/>
        <source>Pain point</source>
        <translation>痛点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="51"/>
        <source>Opportunity</source>
        <translation>机会点</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="52"/>
        <source>Thought</source>
        <translation>想法</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="53"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="60"/>
        <source>Must-be</source>
        <translation>基本型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="61"/>
        <source>One-dimensional</source>
        <translation>期望型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="62"/>
        <source>Attractive</source>
        <translation>兴奋型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="63"/>
        <source>Indifferent</source>
        <translation>无差异型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="64"/>
        <source>Reverse</source>
        <translation>反向型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="65"/>
        <source>Questionable</source>
        <translation>可疑型</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="72"/>
        <source>Web</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="73"/>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="74"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="75"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="76"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="77"/>
        <source>Chat</source>
        <translation>在线聊天</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="78"/>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="79"/>
        <source>Other channel</source>
        <translation>其他渠道</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="86"/>
        <source>Observed</source>
        <translation>已观察</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="87"/>
        <source>Assumed</source>
        <translation>推测</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="88"/>
        <source>Proposed</source>
        <translation>提议</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="95"/>
        <source>Flow</source>
        <translation>流转</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="96"/>
        <source>Supports</source>
        <translation>支持</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="97"/>
        <source>Causes</source>
        <translation>导致</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="98"/>
        <source>Addresses</source>
        <translation>解决</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="105"/>
        <source>Line of interaction</source>
        <translation>互动分界线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="106"/>
        <source>Line of visibility</source>
        <translation>可视分界线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="107"/>
        <source>Line of internal interaction</source>
        <translation>内部互动分界线</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="116"/>
        <source>As-is</source>
        <translation>现状</translation>
    </message>
    <message>
        <location filename="../../cxmapper/ui/names.py" line="117"/>
        <source>To-be</source>
        <translation>未来</translation>
    </message>
</context>
</TS>
