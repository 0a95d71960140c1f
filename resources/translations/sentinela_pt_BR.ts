<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR">
<context>
    <name>sentinela::ui::ChipRow</name>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <source>Import posts…</source>
        <translation>Importar posts…</translation>
    </message>
    <message>
        <source>Start reviewing</source>
        <translation>Começar a revisar</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Posts</translation>
    </message>
    <message>
        <source>Posts in this workspace</source>
        <translation>Posts neste espaço de trabalho</translation>
    </message>
    <message>
        <source>Labeled</source>
        <translation>Rotulados</translation>
    </message>
    <message>
        <source>Posts with a human decision for the task</source>
        <translation>Posts com decisão humana para a tarefa</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Sinalizados</translation>
    </message>
    <message>
        <source>Posts the active model flags (score ≥ 0.5) that no analyst has decided yet</source>
        <translation>Posts que o modelo ativo sinaliza (pontuação ≥ 0,5) e que nenhum analista decidiu ainda</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Trained models in this workspace</source>
        <translation>Modelos treinados neste espaço de trabalho</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>Última varredura</translation>
    </message>
    <message>
        <source>When the active model last scored posts</source>
        <translation>Quando o modelo ativo pontuou posts pela última vez</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Rótulos</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importados</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejeitados</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Concluído</translation>
    </message>
    <message>
        <source>Posts by source</source>
        <translation>Posts por origem</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Importações</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::ExplanationView</name>
    <message>
        <source>Dictionary: "%1" → %2</source>
        <translation>Dicionário: "%1" → %2</translation>
    </message>
    <message>
        <source>"%1": score %2 without this word (effect %3, log-odds %4)</source>
        <translation>"%1": pontuação %2 sem esta palavra (efeito %3, log-odds %4)</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::ImportWizard</name>
    <message>
        <source>Import posts</source>
        <translation>Importar posts</translation>
    </message>
    <message>
        <source>&lt;b&gt;This file cannot be imported.&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;Este arquivo não pode ser importado.&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>Cannot read the file this way: %1</source>
        <translation>Não é possível ler o arquivo desta forma: %1</translation>
    </message>
    <message>
        <source>Choose an export</source>
        <translation>Escolha uma exportação</translation>
    </message>
    <message>
        <source>X/Twitter, Reddit, Mastodon, Telegram, Facebook, Instagram, WhatsApp, CSV or JSON; plain, .gz or .zst. The format is detected for you.</source>
        <translation>X/Twitter, Reddit, Mastodon, Telegram, Facebook, Instagram, WhatsApp, CSV ou JSON; sem compressão, .gz ou .zst. O formato é detectado automaticamente.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Format and fields</source>
        <translation>Formato e campos</translation>
    </message>
    <message>
        <source>Check the preview. Change the format or name the fields if the guess is wrong; leave a field on "(automatic)" to keep the format's default.</source>
        <translation>Confira a prévia. Mude o formato ou indique os campos se a detecção errou; deixe um campo vazio para usar o padrão do formato.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Post id</source>
        <translation>Id do post</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Label field</source>
        <translation>Campo de rótulo</translation>
    </message>
    <message>
        <source>Labels go to task</source>
        <translation>Rótulos vão para a tarefa</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linha</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importando</translation>
    </message>
    <message>
        <source>Stop import</source>
        <translation>Parar importação</translation>
    </message>
    <message>
        <source>Why it was rejected</source>
        <translation>Motivo da rejeição</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lendo %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Detected format: %1&lt;/b&gt; (compression: %2)&lt;br&gt;%3</source>
        <translation>&lt;b&gt;Formato detectado: %1&lt;/b&gt; (compressão: %2)&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>Reading the first posts…</source>
        <translation>Lendo os primeiros posts…</translation>
    </message>
    <message numerus="yes">
        <source>First %n post(s) as they will be imported.</source>
        <translation><numerusform>Primeiro %n post, como será importado.</numerusform><numerusform>Primeiros %n posts, como serão importados.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) among them cannot be read; the report at the end lists their lines.</source>
        <translation><numerusform>%n registro entre eles não pode ser lido; o relatório final lista a linha.</numerusform><numerusform>%n registros entre eles não podem ser lidos; o relatório final lista as linhas.</numerusform></translation>
    </message>
    <message>
        <source>No posts found with these settings. Try another format or name the text field.</source>
        <translation>Nenhum post encontrado com estas opções. Tente outro formato ou indique o campo de texto.</translation>
    </message>
    <message>
        <source>%1 posts read, %2 imported, %3 duplicates</source>
        <translation>%1 posts lidos, %2 importados, %3 duplicados</translation>
    </message>
    <message>
        <source>&lt;b&gt;The import stopped with an error.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;Posts imported before the error are kept; importing the file again completes it without duplicates.</source>
        <translation>&lt;b&gt;A importação parou com um erro.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;Os posts importados antes do erro foram mantidos; importar o arquivo de novo completa a importação sem duplicar.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import stopped.&lt;/b&gt; Posts imported so far are kept; import the file again to complete it.</source>
        <translation>&lt;b&gt;Importação interrompida.&lt;/b&gt; Os posts importados até aqui foram mantidos; importe o arquivo de novo para completar.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Importação concluída.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Read %1 records: %2 imported, %3 already in the workspace, %4 skipped (not posts), %5 rejected.</source>
        <translation>%1 registros lidos: %2 importados, %3 já estavam no espaço de trabalho, %4 ignorados (não são posts), %5 rejeitados.</translation>
    </message>
    <message>
        <source>%1 posts kept without a date (unreadable date value).</source>
        <translation>%1 posts mantidos sem data (valor de data ilegível).</translation>
    </message>
    <message>
        <source>%1 texts had their encoding repaired.</source>
        <translation>%1 textos tiveram a codificação reparada.</translation>
    </message>
    <message>
        <source>The first %1 rejected lines are listed below.</source>
        <translation>As primeiras %1 linhas rejeitadas estão listadas abaixo.</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Parando após o lote atual…</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::Job</name>
    <message>
        <source>An unexpected error stopped the task.</source>
        <translation>Um erro inesperado interrompeu a tarefa.</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::MainWindow</name>
    <message>
        <source>Sentinela</source>
        <translation>Sentinela</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Posts</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Treinar</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Varredura</translation>
    </message>
    <message>
        <source>Could not open the workspace</source>
        <translation>Não foi possível abrir o espaço de trabalho</translation>
    </message>
    <message>
        <source>%1

Check that the file is a Sentinela workspace and that you may write to its folder.</source>
        <translation>%1

Verifique se o arquivo é um espaço de trabalho do Sentinela e se você pode gravar na pasta dele.</translation>
    </message>
    <message>
        <source>%1 — Sentinela</source>
        <translation>%1 — Sentinela</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>Novo espaço de trabalho</translation>
    </message>
    <message>
        <source>Sentinela workspaces (*.sentinela)</source>
        <translation>Espaços de trabalho do Sentinela (*.sentinela)</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Abrir espaço de trabalho</translation>
    </message>
    <message>
        <source>Sentinela workspaces (*.sentinela *.db *.sqlite);;All files (*)</source>
        <translation>Espaços de trabalho do Sentinela (*.sentinela *.db *.sqlite);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>&amp;Novo espaço de trabalho…</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Abrir espaço de trabalho…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <source>&amp;Import posts…</source>
        <translation>&amp;Importar posts…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Close workspace</source>
        <translation>&amp;Fechar espaço de trabalho</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Painel</translation>
    </message>
    <message>
        <source>&amp;Posts</source>
        <translation>&amp;Posts</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Revisão</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Treinar</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Varredura</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configurações</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>&amp;About Sentinela</source>
        <translation>&amp;Sobre o Sentinela</translation>
    </message>
    <message>
        <source>No recent workspaces</source>
        <translation>Nenhum espaço de trabalho recente</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Limpar lista</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The new language takes effect the next time you start Sentinela.</source>
        <translation>O novo idioma vale a partir da próxima vez que você abrir o Sentinela.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>&lt;b&gt;Review&lt;/b&gt;&lt;br&gt;1–9: label the post with the task's label of that number, then move on&lt;br&gt;A or Enter: accept the model's suggestion&lt;br&gt;J / ↓ : next post &amp;nbsp; K / ↑ : previous post&lt;br&gt;Ctrl+Z: undo the last decision &amp;nbsp; N: add a note&lt;br&gt;S: skip the post&lt;br&gt;&lt;br&gt;&lt;b&gt;Everywhere&lt;/b&gt;&lt;br&gt;Ctrl+1…5: dashboard, posts, review, train, scan&lt;br&gt;Ctrl+F: search posts &amp;nbsp; Ctrl+I: import posts</source>
        <translation>&lt;b&gt;Revisão&lt;/b&gt;&lt;br&gt;1–9: rotula o post com o rótulo da tarefa daquele número e avança&lt;br&gt;A ou Enter: aceita a sugestão do modelo&lt;br&gt;J / ↓ : próximo post &amp;nbsp; K / ↑ : post anterior&lt;br&gt;Ctrl+Z: desfaz a última decisão &amp;nbsp; N: adiciona uma nota&lt;br&gt;S: pula o post&lt;br&gt;&lt;br&gt;&lt;b&gt;Em qualquer página&lt;/b&gt;&lt;br&gt;Ctrl+1…5: painel, posts, revisão, treinar, varredura&lt;br&gt;Ctrl+F: buscar posts &amp;nbsp; Ctrl+I: importar posts</translation>
    </message>
    <message>
        <source>About Sentinela</source>
        <translation>Sobre o Sentinela</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sentinela %1&lt;/h3&gt;&lt;p&gt;Finds what matters in social media posts: import exports, label them, train a classifier, scan large exports and review what it flags. Works fully offline.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Sentinela %1&lt;/h3&gt;&lt;p&gt;Encontra o que importa em posts de redes sociais: importe exportações, rotule, treine um classificador, faça varreduras em grandes exportações e revise o que ele sinaliza. Funciona totalmente offline.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::MetricsView</name>
    <message>
        <source>Per label (validation split)</source>
        <translation>Por rótulo (conjunto de validação)</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: analyst, columns: model)</source>
        <translation>Matriz de confusão (linhas: analista, colunas: modelo)</translation>
    </message>
    <message>
        <source>New model vs active model</source>
        <translation>Modelo novo vs modelo ativo</translation>
    </message>
    <message>
        <source>Metrics appear here when a training run ends.</source>
        <translation>As métricas aparecem aqui quando um treinamento termina.</translation>
    </message>
    <message>
        <source>Accuracy %1 · macro-F1 %2 · macro recall %3 · ROC-AUC %4 · on %5 validation posts</source>
        <translation>Acurácia %1 · F1 macro %2 · revocação macro %3 · ROC-AUC %4 · em %5 posts de validação</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisão</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Revocação</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Suporte</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ativo</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Acurácia</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>F1 macro</translation>
    </message>
    <message>
        <source>Macro recall</source>
        <translation>Revocação macro</translation>
    </message>
    <message>
        <source>ROC-AUC</source>
        <translation>ROC-AUC</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::PostDetailsView</name>
    <message>
        <source>Analyst label</source>
        <translation>Rótulo do analista</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Rótulos</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Alteração</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(removido)</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>Train a model to see which words drive its score. Underlined: words from the task's dictionary.</source>
        <translation>Treine um modelo para ver quais palavras determinam a pontuação. Sublinhado: palavras do dicionário da tarefa.</translation>
    </message>
    <message>
        <source>Explaining…</source>
        <translation>Explicando…</translation>
    </message>
    <message>
        <source>Highlighted: words that push the score towards "%1" (orange) or away from it (blue); stronger colour, stronger effect. Underlined: words from the task's dictionary.</source>
        <translation>Destacado: palavras que aproximam a pontuação de "%1" (laranja) ou a afastam (azul); cor mais forte, efeito maior. Sublinhado: palavras do dicionário da tarefa.</translation>
    </message>
    <message numerus="yes">
        <source>The last %n word(s) were not explained: the model reads only the start of a long post, and an explanation covers at most 256 words.</source>
        <translation><numerusform>A última palavra não foi explicada: o modelo lê só o começo de um post longo, e uma explicação cobre no máximo 256 palavras.</numerusform><numerusform>As últimas %n palavras não foram explicadas: o modelo lê só o começo de um post longo, e uma explicação cobre no máximo 256 palavras.</numerusform></translation>
    </message>
</context>
<context>
    <name>sentinela::ui::PostFilterBar</name>
    <message>
        <source>Flagged</source>
        <translation>Sinalizados</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Pontuação</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Qualquer</translation>
    </message>
    <message>
        <source>Search posts: words, "a phrase", prefix*, a OR b (accents optional)</source>
        <translation>Buscar posts: palavras, "uma frase", prefixo*, a OR b (acentos opcionais)</translation>
    </message>
    <message>
        <source>Only posts the active model flags that no analyst has decided</source>
        <translation>Só posts que o modelo ativo sinaliza e que nenhum analista decidiu</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarefa</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>Sem rótulo</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::PostTableModel</name>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Previsto</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Pontuação</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::PostsPage</name>
    <message>
        <source>Label all matches…</source>
        <translation>Rotular todos os resultados…</translation>
    </message>
    <message>
        <source>Undo bulk label</source>
        <translation>Desfazer rotulagem em massa</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Posts</translation>
    </message>
    <message>
        <source>Apply one label to every post the search and filters match</source>
        <translation>Aplica um rótulo a todos os posts que a busca e os filtros encontram</translation>
    </message>
    <message>
        <source>Could not read posts</source>
        <translation>Não foi possível ler os posts</translation>
    </message>
    <message>
        <source>The operation failed</source>
        <translation>A operação falhou</translation>
    </message>
    <message>
        <source>%1 posts</source>
        <translation>%1 posts</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>carregando…</translation>
    </message>
    <message>
        <source>No labels</source>
        <translation>Sem rótulos</translation>
    </message>
    <message>
        <source>The task has no labels. Choose another task.</source>
        <translation>A tarefa não tem rótulos. Escolha outra tarefa.</translation>
    </message>
    <message>
        <source>Label all matches</source>
        <translation>Rotular todos os resultados</translation>
    </message>
    <message>
        <source>Label every post that matches the current search and filters as:</source>
        <translation>Rotular todos os posts encontrados pela busca e pelos filtros atuais como:</translation>
    </message>
    <message>
        <source>Label %1 posts as "%2" for the task "%3"? You can undo this afterwards.</source>
        <translation>Rotular %1 posts como "%2" na tarefa "%3"? Você pode desfazer depois.</translation>
    </message>
    <message>
        <source>Labeling…</source>
        <translation>Rotulando…</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::ReviewPage</name>
    <message>
        <source>Could not read the queue</source>
        <translation>Não foi possível ler a fila</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Sinalizados</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Incertos</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>Sem rótulo</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Divergências</translation>
    </message>
    <message>
        <source>Dictionary hits</source>
        <translation>Termos do dicionário</translation>
    </message>
    <message>
        <source>Highest score first, posts no analyst has decided</source>
        <translation>Maior pontuação primeiro, posts que nenhum analista decidiu</translation>
    </message>
    <message>
        <source>Posts the model is least sure about first</source>
        <translation>Posts em que o modelo tem menos certeza primeiro</translation>
    </message>
    <message>
        <source>Posts without a human decision, in import order</source>
        <translation>Posts sem decisão humana, na ordem de importação</translation>
    </message>
    <message>
        <source>Posts where the analyst's label and the model's prediction differ</source>
        <translation>Posts em que o rótulo do analista e a previsão do modelo divergem</translation>
    </message>
    <message>
        <source>Posts matching the task's keyword dictionary</source>
        <translation>Posts com termos do dicionário da tarefa</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarefa</translation>
    </message>
    <message>
        <source>Decide (key)</source>
        <translation>Decidir (tecla)</translation>
    </message>
    <message>
        <source>Previous (K)</source>
        <translation>Anterior (K)</translation>
    </message>
    <message>
        <source>Skip (J)</source>
        <translation>Pular (J)</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Desfazer (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Note… (N)</source>
        <translation>Nota… (N)</translation>
    </message>
    <message>
        <source>Loading the queue…</source>
        <translation>Carregando a fila…</translation>
    </message>
    <message>
        <source>Nothing left in this queue. Pick another queue, import more posts, or scan with a model to fill the flagged and uncertain queues.</source>
        <translation>Nada mais nesta fila. Escolha outra fila, importe mais posts ou faça uma varredura com um modelo para preencher as filas de sinalizados e incertos.</translation>
    </message>
    <message>
        <source>Accept "%1" (A)</source>
        <translation>Aceitar "%1" (A)</translation>
    </message>
    <message>
        <source>Accept suggestion (A)</source>
        <translation>Aceitar sugestão (A)</translation>
    </message>
    <message>
        <source>Post %1 of %2 loaded</source>
        <translation>Post %1 de %2 carregados</translation>
    </message>
    <message>
        <source>%1 undecided in queue</source>
        <translation>%1 sem decisão na fila</translation>
    </message>
    <message>
        <source>%1 decided this session</source>
        <translation>%1 decididos nesta sessão</translation>
    </message>
    <message>
        <source>Could not save the label</source>
        <translation>Não foi possível salvar o rótulo</translation>
    </message>
    <message>
        <source>Could not undo</source>
        <translation>Não foi possível desfazer</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>note kept for your decision: "%1"</source>
        <translation>nota guardada para a sua decisão: "%1"</translation>
    </message>
    <message>
        <source>Could not save the note</source>
        <translation>Não foi possível salvar a nota</translation>
    </message>
    <message>
        <source>A note on this post, saved with your decision in its label history:</source>
        <translation>Uma nota sobre este post, salva com a sua decisão no histórico de rótulos:</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::ScanPage</name>
    <message>
        <source>Scan the workspace</source>
        <translation>Varrer o espaço de trabalho</translation>
    </message>
    <message>
        <source>Scan an export file…</source>
        <translation>Varrer um arquivo de exportação…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Review flagged posts</source>
        <translation>Revisar posts sinalizados</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Varredura</translation>
    </message>
    <message>
        <source>The active model scores posts; the highest scores go to the top of the review page's flagged queue, the least certain to its uncertain queue.</source>
        <translation>O modelo ativo pontua os posts; as maiores pontuações vão para o topo da fila de sinalizados da revisão, os menos certos para a fila de incertos.</translation>
    </message>
    <message>
        <source>Imports the export into this workspace (duplicates are skipped), then scores its posts</source>
        <translation>Importa a exportação para este espaço de trabalho (duplicados são ignorados) e depois pontua os posts</translation>
    </message>
    <message>
        <source>Choose an export to scan</source>
        <translation>Escolha uma exportação para varrer</translation>
    </message>
    <message>
        <source>The scan failed.</source>
        <translation>A varredura falhou.</translation>
    </message>
    <message>
        <source>The scan failed</source>
        <translation>A varredura falhou</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>&lt;b&gt;No active model for the task "%1".&lt;/b&gt;&lt;br&gt;Train one on the Train page and make it active.</source>
        <translation>&lt;b&gt;Nenhum modelo ativo para a tarefa "%1".&lt;/b&gt;&lt;br&gt;Treine um na página Treinar e torne-o ativo.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The active model cannot be loaded.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;Train a new model or activate another one.</source>
        <translation>&lt;b&gt;O modelo ativo não pode ser carregado.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;Treine um novo modelo ou ative outro.</translation>
    </message>
    <message>
        <source>validation macro-F1 %1, accuracy %2</source>
        <translation>F1 macro na validação %1, acurácia %2</translation>
    </message>
    <message>
        <source>no validation metrics recorded</source>
        <translation>nenhuma métrica de validação registrada</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>&lt;b&gt;Active model: %1&lt;/b&gt; (task %2)&lt;br&gt;%3&lt;br&gt;Last scan: %4 · %5 posts scored</source>
        <translation>&lt;b&gt;Modelo ativo: %1&lt;/b&gt; (tarefa %2)&lt;br&gt;%3&lt;br&gt;Última varredura: %4 · %5 posts pontuados</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Parando após o lote atual…</translation>
    </message>
    <message>
        <source>%1 of %2 posts scored · %3 posts/s</source>
        <translation>%1 de %2 posts pontuados · %3 posts/s</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scan stopped.&lt;/b&gt; The scores written so far are kept.</source>
        <translation>&lt;b&gt;Varredura interrompida.&lt;/b&gt; As pontuações gravadas até aqui foram mantidas.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scan finished.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Varredura concluída.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 posts scored in %2 s. %3 flagged posts wait for a decision.</source>
        <translation>%1 posts pontuados em %2 s. %3 posts sinalizados aguardam decisão.</translation>
    </message>
    <message>
        <source>Importing %1: %2 posts read</source>
        <translation>Importando %1: %2 posts lidos</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 posts read, %3 new, %4 already in the workspace, %5 rejected. %6 new posts scored.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 posts lidos, %3 novos, %4 já estavam no espaço de trabalho, %5 rejeitados. %6 posts novos pontuados.</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::TrainPage</name>
    <message>
        <source>Start from</source>
        <translation>Começar de</translation>
    </message>
    <message>
        <source>Base encoder (recommended)</source>
        <translation>Codificador base (recomendado)</translation>
    </message>
    <message>
        <source>Nothing (train from scratch)</source>
        <translation>Nada (treinar do zero)</translation>
    </message>
    <message>
        <source>Encoder file…</source>
        <translation>Arquivo de codificador…</translation>
    </message>
    <message>
        <source>Choose a pretrained encoder</source>
        <translation>Escolha um codificador pré-treinado</translation>
    </message>
    <message>
        <source>Sentinela encoders (*.encoder);;All files (*)</source>
        <translation>Codificadores do Sentinela (*.encoder);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Reading the pretrained encoder…</source>
        <translation>Lendo o codificador pré-treinado…</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avançado</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Treinar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Make this model active</source>
        <translation>Tornar este modelo ativo</translation>
    </message>
    <message>
        <source>Small (fast)</source>
        <translation>Pequeno (rápido)</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Padrão</translation>
    </message>
    <message>
        <source>Large (slow, more data)</source>
        <translation>Grande (lento, mais dados)</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>todos os núcleos</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Max tokens per post</source>
        <translation>Máximo de tokens por post</translation>
    </message>
    <message>
        <source>Early-stopping patience</source>
        <translation>Paciência da parada antecipada</translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation>Tamanho do vocabulário</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarefa</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Conjunto de validação</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>Tamanho do modelo</translation>
    </message>
    <message>
        <source>Epochs (at most)</source>
        <translation>Épocas (no máximo)</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>O treinamento falhou.</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>O treinamento falhou</translation>
    </message>
    <message>
        <source>Training stopped before the first epoch ended; nothing was kept.</source>
        <translation>O treinamento parou antes do fim da primeira época; nada foi mantido.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 labeled posts&lt;/b&gt; (%2)&lt;br&gt;train %3 · validation %4 · test %5 (held out)</source>
        <translation>&lt;b&gt;%1 posts rotulados&lt;/b&gt; (%2)&lt;br&gt;treino %3 · validação %4 · teste %5 (reservado)</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
    <message>
        <source>Check the configuration</source>
        <translation>Verifique a configuração</translation>
    </message>
    <message>
        <source>Reading the labeled posts…</source>
        <translation>Lendo os posts rotulados…</translation>
    </message>
    <message>
        <source>The task "%1" has too few labeled posts to train (train %2, validation %3). Label more posts on the review page, or import a labeled export.</source>
        <translation>A tarefa "%1" tem poucos posts rotulados para treinar (treino %2, validação %3). Rotule mais posts na página de revisão ou importe uma exportação rotulada.</translation>
    </message>
    <message>
        <source>Epoch %1 of %2 · loss %3 · %4 s</source>
        <translation>Época %1 de %2 · perda %3 · %4 s</translation>
    </message>
    <message>
        <source>Saving the model and comparing with the active one…</source>
        <translation>Salvando o modelo e comparando com o ativo…</translation>
    </message>
    <message>
        <source>Stopped early; kept the best epoch (%1).</source>
        <translation>Interrompido; mantida a melhor época (%1).</translation>
    </message>
    <message>
        <source>Done; kept the best epoch (%1).</source>
        <translation>Concluído; mantida a melhor época (%1).</translation>
    </message>
    <message>
        <source>The model is saved in the workspace. Make it active to use it for scans and suggestions.</source>
        <translation>O modelo foi salvo no espaço de trabalho. Torne-o ativo para usá-lo em varreduras e sugestões.</translation>
    </message>
    <message>
        <source>Could not activate the model</source>
        <translation>Não foi possível ativar o modelo</translation>
    </message>
    <message>
        <source>The new model is now active. Scan the workspace to refresh the review queues.</source>
        <translation>O novo modelo está ativo. Varra o espaço de trabalho para atualizar as filas de revisão.</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::TrainingChart</name>
    <message>
        <source>training loss</source>
        <translation>perda de treino</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>perda de validação</translation>
    </message>
    <message>
        <source>validation metric</source>
        <translation>métrica de validação</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perda</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>métrica</translation>
    </message>
    <message>
        <source>validation %1</source>
        <translation>%1 na validação</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::WelcomePage</name>
    <message>
        <source>Welcome to Sentinela</source>
        <translation>Bem-vindo ao Sentinela</translation>
    </message>
    <message>
        <source>Import post exports, label a sample, train a classifier and review what it flags. Everything stays on this computer.</source>
        <translation>Importe exportações de posts, rotule uma amostra, treine um classificador e revise o que ele sinaliza. Tudo fica neste computador.</translation>
    </message>
    <message>
        <source>New workspace…</source>
        <translation>Novo espaço de trabalho…</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>Abrir espaço de trabalho…</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Espaços de trabalho recentes</translation>
    </message>
    <message>
        <source>No recent workspaces yet.</source>
        <translation>Nenhum espaço de trabalho recente ainda.</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::WorkloadPanel</name>
    <message>
        <source>Expected workload</source>
        <translation>Carga de trabalho esperada</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Limiar</translation>
    </message>
    <message>
        <source>Posts to read</source>
        <translation>Posts a ler</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisão</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Revocação</translation>
    </message>
    <message>
        <source>Could not compute the workload: %1</source>
        <translation>Não foi possível calcular a carga de trabalho: %1</translation>
    </message>
    <message>
        <source>Train a model and scan the workspace to see how many posts you would read at each threshold.</source>
        <translation>Treine um modelo e varra o espaço de trabalho para ver quantos posts você leria em cada limiar.</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>Posts to read: undecided posts scored at or above the threshold. The validation split has no flagged examples, so precision and recall are unknown.</source>
        <translation>Posts a ler: posts sem decisão com pontuação no limiar ou acima. O conjunto de validação não tem exemplos sinalizados, então precisão e revocação são desconhecidas.</translation>
    </message>
    <message>
        <source>Posts to read: undecided posts scored at or above the threshold. Precision and recall: on the %1 posts of the validation split.</source>
        <translation>Posts a ler: posts sem decisão com pontuação no limiar ou acima. Precisão e revocação: nos %1 posts do conjunto de validação.</translation>
    </message>
</context>
<context>
    <name>sentinela::ui::RawRecordSection</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Original record</source>
        <translation>Registro original</translation>
    </message>
    <message>
        <source>The post as the export had it, before Sentinela read it</source>
        <translation>O post como estava na exportação, antes de o Sentinela lê-la</translation>
    </message>
    <message>
        <source>Copy the record exactly as the export had it</source>
        <translation>Copiar o registro exatamente como estava na exportação</translation>
    </message>
    <message>
        <source>No post selected.</source>
        <translation>Nenhum post selecionado.</translation>
    </message>
    <message>
        <source>Could not read the original record: %1</source>
        <translation>Não foi possível ler o registro original: %1</translation>
    </message>
    <message>
        <source>No original record was kept for this post: it was added by an older Sentinela or imported without keeping records.</source>
        <translation>Nenhum registro original foi guardado para este post: ele foi adicionado por uma versão anterior do Sentinela ou importado sem guardar registros.</translation>
    </message>
</context>
</TS>