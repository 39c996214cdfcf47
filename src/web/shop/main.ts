document.getElementById('app')!.textContent = 'Panier Solidaire — shop';
